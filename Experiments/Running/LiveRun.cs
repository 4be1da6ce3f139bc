using System.Diagnostics;
using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Model;
using ClusterSim.RealAgent.Live;
using ClusterSim.RealAgent.Master;
using ClusterSim.RealAgent.Scheduler;

namespace ClusterSim.Experiments.Running;

/// <summary>
/// One live run: the same <see cref="RecordedRun"/> as a simulation on a wall-clock <see cref="LiveLoop"/>.
/// Either it hosts its master (the same master and allocator as a simulation), with the agent daemons that
/// registered over HTTP as its agents: the master host starts first and holds registering agents in its lobby,
/// and the loop's clock starts when the expected number has arrived, so trace time zero is when the work starts.
/// Or (<see cref="LiveOptions.Masters"/>) it subscribes its frameworks to a standing master through the
/// scheduler API and runs their work on that master's agents. The run ends when all work is done or at the
/// horizon (in trace time), like a simulated one; its frameworks then tear down, so nothing they started
/// outlives the run.
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

    public RunResult Execute() => _spec.Oversubscription != null && _options.Masters != null
        ? throw new InvalidOperationException(
            $"experiment {_spec.Name}, variant {_spec.Variant}: oversubscription: against a standing master it is the master's and its agents' to configure " +
            "(clustersim master --oversubscription; clustersim agent --oversubscription-interval ...), so remove the section or run without --master")
        : (_options.Masters != null ? AgainstStandingMasterAsync() : WithOwnMasterAsync()).GetAwaiter().GetResult();

    /// <summary>
    /// What of the file's oversubscription a live run carries out differently, for the log: its master offers
    /// revocable resources (a <c>RevocableAllocator</c>, as <c>clustersim master --oversubscription</c>), but the
    /// agents are separate daemons that estimate their slack and check their QoS from what their containers
    /// measure, with the <c>clustersim agent</c> options that mirror the section's keys; a framework's
    /// <c>usage:</c> draw caps what a task's default command keeps busy of its cpus (its memory and a task with a
    /// command of its own use what they use), and the agents check their QoS on each estimator tick, not at each
    /// launch or every <c>qos.interval</c>.
    /// </summary>
    public static IEnumerable<string> OversubscriptionNotes(ExperimentSpec spec)
    {
        if (spec.Oversubscription is not { } o) yield break;
        // The agents tick on the wall clock: the file's interval is trace time, divided by the time scale.
        double wall = Math.Round(o.EstimatorInterval.Seconds / (spec.Live?.TimeScale ?? 1), 3);
        var flags = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"--oversubscription-interval {Math.Max(0.001, wall)}s --oversubscription-offered {o.OfferedFraction} --qos-threshold {o.QosThreshold} --qos-evict {(o.Eviction == Core.Oversubscription.EvictionRule.All ? "all" : "newest")}");
        yield return $"oversubscription: start every agent with {flags} (the agents estimate their slack and evict revocable tasks themselves, from what their containers use)";
        foreach (var f in spec.Frameworks.Where(f => f.Usage != null))
            yield return $"frameworks[{f.Settings.Name}].usage: live, each draw caps the share of a task's cpus its default command keeps busy (memory, and tasks with a command of their own, use what they use); the agents measure it, and the summary's usage columns are NaN live";
        if (o.QosInterval > Duration.Zero)
            yield return $"oversubscription.qos.interval ({o.QosInterval}): live agents check their QoS on each estimator tick ({o.EstimatorInterval}) instead";
    }

    /// <summary>After the run: the agents' mean wall time from a launch request to the container's start (NaN if none started).</summary>
    public double ContainerStartMeanSeconds { get; private set; } = double.NaN;

    private LiveSpec Live => _spec.Live ?? throw new InvalidOperationException(
        $"experiment {_spec.Name} has no live: section; add one (agents, timeScale, master) to run it live");

    private async Task<RunResult> WithOwnMasterAsync()
    {
        var live = Live;
        var log = _options.Log;
        await using var host = new MasterHost(new MasterHostOptions(_options.Listen ?? live.MasterListen, _options.Token)
        {
            HeartbeatInterval = TimeSpan.FromSeconds(live.HeartbeatInterval.Seconds),
            MaxMissedHeartbeats = live.MaxMissedHeartbeats,
            Log = log,
        });
        await host.StartAsync(CancellationToken.None);
        foreach (var note in OversubscriptionNotes(_spec)) log(note);
        log($"master listening on {host.Address}; waiting up to {live.AgentsTimeout} for {live.ExpectAgents} agent(s)");
        if (!await host.WaitForAgentsAsync(live.ExpectAgents, TimeSpan.FromSeconds(live.AgentsTimeout.Seconds), CancellationToken.None))
            throw new InvalidOperationException(
                $"only {host.AgentCount} of the {live.ExpectAgents} agents the live: section expects registered with {host.Address} within {live.AgentsTimeout}");
        using var loop = new LiveLoop(live.TimeScale);
        var result = await RunAsync(loop, () =>
        {
            var run = new RecordedRun(_spec, _seed, _directory, loop, agents: AgentKind.Live);
            // Each task's usage: draw, for its agent's default command (before the lobby's agents are admitted).
            if (run.Oversubscription is { } oversubscription) host.TaskUsage = (framework, task) => oversubscription.UsageFraction(framework, task);
            host.Attach(loop, run.Master!);
            return run;
        }, $"{host.AgentCount} agent(s)");
        var (seconds, tasks) = host.ContainerStarts;
        if (tasks > 0) ContainerStartMeanSeconds = seconds / tasks;
        return result;
    }

    private async Task<RunResult> AgainstStandingMasterAsync()
    {
        var live = Live;
        var masters = _options.Masters!;
        var master = masters[0];
        var (principal, secret) = _options.Credential
            ?? (RealAgent.Security.AccessControlList.TokenPrincipal, _options.Token?.Value ?? throw new InvalidOperationException("a run against a standing master needs --principal and --secret-file (or --token-file)"));
        if (_spec.Events.Count > 0)
            throw new InvalidOperationException(
                $"experiment {_spec.Name} has timed operator events; against a standing master they are the operator's to make (POST /api/v1/operator/..., docs/API.md), so remove them or run without --master");
        using var loop = new LiveLoop(live.TimeScale);
        await using var view = new RemoteClusterView(loop, _spec, masters, principal, secret, _options.Log);
        try
        {
            await view.StartAsync(CancellationToken.None);
        }
        catch (HttpRequestException e)
        {
            throw new InvalidOperationException($"--master {master}: cannot read its /state ({e.Message})", e);
        }
        var drivers = new List<HttpSchedulerDriver>();
        try
        {
            return await RunAsync(loop, () => new RecordedRun(_spec, _seed, _directory, loop, view, _ =>
            {
                var driver = new HttpSchedulerDriver(masters, principal, secret, loop, _options.Log);
                drivers.Add(driver);
                return driver;
            }), $"the agents of {master} (cluster {view.Total})");
        }
        finally
        {
            foreach (var driver in drivers) await driver.DisposeAsync();
        }
    }

    /// <summary>Runs the work on the loop until it is done or the horizon, sums it up at that instant, and
    /// tears the frameworks down (through their drivers, so in either mode nothing they started outlives it).</summary>
    private async Task<RunResult> RunAsync(LiveLoop loop, Func<RecordedRun> build, string where)
    {
        var wall = Stopwatch.StartNew();
        var ended = new TaskCompletionSource<RunResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        loop.Faulted = e => ended.TrySetException(new InvalidOperationException($"the live loop stopped on an error in the master or a framework: {e}", e));
        loop.Start();
        var horizon = Time.Zero + _spec.Horizon;
        RecordedRun? run = null;

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
                loop.Post(() =>
                {
                    foreach (var framework in run.Frameworks)
                        if (framework.Driver.IsSubscribed) framework.Driver.Teardown();
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
            run = build();
            run.Sampled = now => _progress?.Report(now.Seconds, run.Recorder.TasksEnded, loop.EventsRun);
            run.Drained = () => loop.Post(Complete);
            loop.At(horizon, Complete);
            run.StartFrameworks();
            return true;
        });
        _options.Log($"run started on {where} at time scale x{loop.TimeScale}; the horizon, {_spec.Horizon} of trace time, is {loop.WallTime(_spec.Horizon).TotalSeconds:0.#} s of wall time");
        try
        {
            return await ended.Task;
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
