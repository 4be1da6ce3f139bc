using System.Diagnostics;
using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Model;
using ClusterSim.RealAgent.Live;
using ClusterSim.RealAgent.Master;

namespace ClusterSim.Experiments.Running;

/// <summary>
/// One live run: the same <see cref="ClusterRun"/> as a simulation (master, allocator, frameworks, recorder,
/// sampler) on a wall-clock <see cref="LiveLoop"/>, with the agent daemons that registered over HTTP as its
/// agents. The master host starts first and holds registering agents in its lobby; the loop's clock starts
/// when the expected number has arrived, so trace time zero is when the work starts. The run ends when all
/// work is done or at the horizon (in trace time), like a simulated one; what is still running is killed.
/// </summary>
public sealed class LiveRun
{
    private readonly ExperimentSpec _spec;
    private readonly long _seed;
    private readonly string? _directory;
    private readonly LiveOptions _options;
    private readonly RunProgress? _progress;

    public LiveRun(ExperimentSpec spec, long seed, string? directory, LiveOptions options, RunProgress? progress = null)
    {
        _spec = spec;
        _seed = seed;
        _directory = directory;
        _options = options;
        _progress = progress;
    }

    public RunResult Execute() => ExecuteAsync().GetAwaiter().GetResult();

    /// <summary>After the run: the agents' mean wall time from a launch request to the container's start (NaN if none started).</summary>
    public double ContainerStartMeanSeconds { get; private set; } = double.NaN;

    private async Task<RunResult> ExecuteAsync()
    {
        var live = _spec.Live ?? throw new InvalidOperationException(
            $"experiment {_spec.Name} has no live: section; add one (agents, timeScale, master) to run it live");
        var log = _options.Log;
        await using var host = new MasterHost(new MasterHostOptions(_options.Listen ?? live.MasterListen, _options.Token)
        {
            HeartbeatInterval = TimeSpan.FromSeconds(live.HeartbeatInterval.Seconds),
            MaxMissedHeartbeats = live.MaxMissedHeartbeats,
            Log = log,
        });
        await host.StartAsync(CancellationToken.None);
        log($"master listening on {host.Address}; waiting up to {live.AgentsTimeout} for {live.ExpectAgents} agent(s)");
        if (!await host.WaitForAgentsAsync(live.ExpectAgents, TimeSpan.FromSeconds(live.AgentsTimeout.Seconds), CancellationToken.None))
            throw new InvalidOperationException(
                $"only {host.AgentCount} of the {live.ExpectAgents} agents the live: section expects registered with {host.Address} within {live.AgentsTimeout}");

        var wall = Stopwatch.StartNew();
        using var loop = new LiveLoop(live.TimeScale);
        var ended = new TaskCompletionSource<RunResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        loop.Faulted = e => ended.TrySetException(new InvalidOperationException($"the live loop stopped on an error in the master or a framework: {e}", e));
        loop.Start();
        var horizon = Time.Zero + _spec.Horizon;
        ClusterRun? run = null;

        // On the loop, at the instant the work is done (or the horizon): the run is summed up then, as a
        // simulated run stops stepping right there, not when this thread gets round to it.
        void Complete()
        {
            if (ended.Task.IsCompleted || run == null) return;
            var end = run.AllDrained ? loop.Now : Time.Min(loop.Now, horizon);
            try
            {
                var result = run.Finish(end, loop.EventsRun, wall.Elapsed.TotalSeconds);
                _progress?.Report(end.Seconds, run.Recorder.TasksEnded, loop.EventsRun);
                _progress?.Finish();
                // What still runs (services, unfinished work) is killed as a torn-down framework's tasks
                // are: no container outlives the run.
                loop.Post(() =>
                {
                    foreach (var framework in run.Master.Frameworks.ToArray()) run.Master.RemoveFramework(framework);
                });
                ended.TrySetResult(result);
            }
            catch (Exception e)
            {
                ended.TrySetException(e);
            }
        }

        await loop.InvokeAsync(() =>
        {
            run = new ClusterRun(_spec, _seed, _directory, loop);
            host.Attach(loop, run.Master);
            run.Sampled = now => _progress?.Report(now.Seconds, run.Recorder.TasksEnded, loop.EventsRun);
            run.Drained = () => loop.Post(Complete);
            loop.At(horizon, Complete);
            run.StartFrameworks();
            return true;
        });
        log($"run started with {host.AgentCount} agent(s) at time scale x{live.TimeScale}; the horizon, {_spec.Horizon} of trace time, is {loop.WallTime(_spec.Horizon).TotalSeconds:0.#} s of wall time");
        try
        {
            var result = await ended.Task;
            var (seconds, tasks) = host.ContainerStarts;
            if (tasks > 0) ContainerStartMeanSeconds = seconds / tasks;
            return result;
        }
        finally
        {
            // Let the teardown's kill requests reach the agents before the links close.
            await Task.Delay(TimeSpan.FromSeconds(1));
            await loop.InvokeAsync(() =>
            {
                run?.Dispose();
                return true;
            }).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });
            loop.Stop();
        }
    }
}
