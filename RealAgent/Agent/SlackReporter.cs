using System.Globalization;
using ClusterSim.RealAgent.Containers;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.RealAgent.Agent;

/// <summary>
/// The agent's resource estimator and QoS controller, live, on one tick (src/slave/slave.cpp,
/// forwardOversubscribed every --oversubscribed_resources_interval, and qosCorrections; the simulated
/// counterparts are <see cref="Core.Oversubscription.SlackEstimator"/> and
/// <see cref="Core.Oversubscription.QosController"/>): each tick reads every running task's container usage
/// (the runtime's one-shot stats) and takes its CPU rate from the CPU time used since the last tick; then the
/// <see cref="Qos"/> controller, when there is one, evicts revocable tasks from an overloaded agent, and the
/// oversubscribed total, <see cref="SlackEstimate"/>, is reported to the master when it changed (or the last
/// report did not get through, or the agent has registered again since: <see cref="Forget"/>). A container seen for the first time, or whose usage cannot be read, has no
/// measurement yet.
/// </summary>
public sealed class SlackReporter(
    IContainerRuntime runtime,
    Func<CancellationToken, Task<IReadOnlyList<RunningContainer>>> running,
    Func<R, CancellationToken, Task<bool>> report,
    double offered,
    Func<double> wallSeconds)
{
    private Dictionary<string, (double CpuSeconds, double At)> _last = new(StringComparer.Ordinal);
    private R? _reported;
    private int _forgotten;

    /// <summary>The agent's QoS controller; null: nothing is evicted.</summary>
    public AgentQosController? Qos { get; init; }

    /// <summary>Carries out an eviction: the task, and the state it ends in.</summary>
    public Action<RunningContainer, string>? Evict { get; init; }

    /// <summary>Forgets the last total reported, so the next tick reports its total whether or not it changed:
    /// called when the agent (re)registers, as Mesos's agent then re-sends its estimate (src/slave/slave.cpp, end
    /// of Slave::registered and Slave::reregistered: forwardOversubscribed), for a master that does not know it
    /// (a new leader, or one that had removed this agent). Safe from any thread.</summary>
    public void Forget() => Interlocked.Exchange(ref _forgotten, 1);

    /// <summary>One tick; returns the oversubscribed total, and reports it when it changed.</summary>
    public async Task<R> TickAsync(CancellationToken cancellationToken)
    {
        var measured = await MeasureAsync(cancellationToken);
        if (Qos != null)
            foreach (var (task, state) in Qos.Corrections(measured)) Evict?.Invoke(task, state);
        // Evicted tasks still hold their resources until they end, as in Mesos (their executors' allocation
        // counts until they terminate): the total drops on the tick after.
        var total = SlackEstimate.Of(measured, offered);
        if (Interlocked.Exchange(ref _forgotten, 0) == 1) _reported = null;
        if (_reported != total && await report(total, cancellationToken)) _reported = total;
        return total;
    }

    private async Task<IReadOnlyList<MeasuredTask>> MeasureAsync(CancellationToken cancellationToken)
    {
        var next = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        var tasks = new List<MeasuredTask>();
        foreach (var task in await running(cancellationToken))
        {
            var allocated = Amounts(task.Cpus, task.Mem);
            ContainerUsage? usage;
            try
            {
                usage = await runtime.UsageAsync(task.Container, cancellationToken);
            }
            catch (ContainerRuntimeException)
            {
                usage = null;
            }
            if (usage == null)
            {
                tasks.Add(new MeasuredTask(task, allocated, null));
                continue;
            }
            double now = wallSeconds();
            next[task.Container] = (usage.CpuSeconds, now);
            R? used = _last.TryGetValue(task.Container, out var last) && now > last.At
                ? Amounts(Math.Max(0, (usage.CpuSeconds - last.CpuSeconds) / (now - last.At)), usage.MemoryBytes / (1024.0 * 1024))
                : null;
            tasks.Add(new MeasuredTask(task, allocated, used));
        }
        _last = next;
        return tasks;
    }

    /// <summary>Ticks every <paramref name="interval"/> until cancelled.</summary>
    public async Task RunAsync(TimeSpan interval, Action<string> log, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken)) await TickAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
        {
            log($"slack estimator stopped: {e.Message}");
        }
    }

    private static R Amounts(double cpus, double mem) =>
        R.Parse(string.Create(CultureInfo.InvariantCulture, $"cpus:{Math.Round(cpus, 3)};mem:{Math.Round(mem)}"));
}
