using System.Globalization;
using ClusterSim.RealAgent.Containers;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.RealAgent.Agent;

/// <summary>
/// The agent's resource estimator and its forwarding loop, live (src/slave/slave.cpp, forwardOversubscribed
/// every --oversubscribed_resources_interval; the simulated counterpart is
/// <see cref="Core.Oversubscription.SlackEstimator"/>): each tick reads every running task's container usage
/// (the runtime's one-shot stats), takes its CPU rate from the CPU time used since the last tick, and reports
/// the slack, <see cref="SlackEstimate"/>, to the master when it changed (or the last report did not get
/// through). A container seen for the first time, or whose usage cannot be read, lends nothing yet.
/// </summary>
public sealed class SlackReporter(
    IContainerRuntime runtime,
    Func<CancellationToken, Task<IReadOnlyList<(string Container, double Cpus, double Mem)>>> running,
    Func<R, CancellationToken, Task<bool>> report,
    double offered,
    Func<double> wallSeconds)
{
    private Dictionary<string, (double CpuSeconds, double At)> _last = new(StringComparer.Ordinal);
    private R? _reported;

    /// <summary>One estimate; returns the slack, and reports it when it changed.</summary>
    public async Task<R> TickAsync(CancellationToken cancellationToken)
    {
        var next = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        var tasks = new List<(R Allocated, R Used)>();
        foreach (var (container, cpus, mem) in await running(cancellationToken))
        {
            var allocated = Amounts(cpus, mem);
            ContainerUsage? usage;
            try
            {
                usage = await runtime.UsageAsync(container, cancellationToken);
            }
            catch (ContainerRuntimeException)
            {
                usage = null;
            }
            if (usage == null)
            {
                tasks.Add((allocated, allocated));
                continue;
            }
            double now = wallSeconds();
            next[container] = (usage.CpuSeconds, now);
            double used = _last.TryGetValue(container, out var last) && now > last.At
                ? Math.Max(0, (usage.CpuSeconds - last.CpuSeconds) / (now - last.At))
                : cpus;
            tasks.Add((allocated, Amounts(used, usage.MemoryBytes / (1024.0 * 1024))));
        }
        _last = next;
        var slack = SlackEstimate.Of(tasks, offered);
        if (_reported != slack && await report(slack, cancellationToken)) _reported = slack;
        return slack;
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
