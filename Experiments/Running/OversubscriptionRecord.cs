using ClusterSim.Allocators.Oversubscription;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Oversubscription;
using ClusterSim.Core.Random;
using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Model;
using ClusterSim.Experiments.Output;

namespace ClusterSim.Experiments.Running;

/// <summary>
/// A run's oversubscription, wired: the usage ledger (in every variant of a file where some variant
/// oversubscribes, so the variant without it reports the usage it left idle), and, when this variant has an
/// oversubscription: section, the agents' slack estimator and QoS controller over the
/// <see cref="RevocableAllocator"/>. Each task's usage fraction is the one its trace measured
/// (<see cref="TraceUsage"/>: a workload trace with a usage table), else drawn from its framework's usage:
/// distribution on a stream named after the framework and the task (<c>RandomStream.For(seed,
/// "name/usage/task")</c>), so variants that launch the same tasks in another order see the same usage;
/// 1.0 without either.
/// Writes oversubscription.csv (one row per estimator tick) and gives the summary's metrics.
/// <para>
/// With live agents (<see cref="AgentKind.Live"/>) the agents estimate their slack and evict revocable tasks
/// from what their containers measure (RealAgent's SlackReporter and AgentQosController), so nothing is
/// simulated here: each task's draw goes to its agent instead (<see cref="UsageFraction"/>, the share of its
/// cpus its default command keeps busy), the ledger keeps what revocable tasks hold and the evictions (the
/// master's events), and the usage columns, which the draws would only bound, are NaN (not measured).
/// </para>
/// </summary>
public sealed class OversubscriptionRecord
{
    private readonly SlackEstimator? _estimator;
    private readonly Core.Allocation.IAllocator _allocator;
    private readonly AgentKind _agents;
    private readonly Func<Core.Ids.FrameworkId, Core.Tasks.TaskSpec, double> _fraction;

    public OversubscriptionRecord(ILoop loop, Master master, Core.Allocation.IAllocator allocator, ExperimentSpec spec, long seed,
        AgentKind agents = AgentKind.Simulated)
    {
        _allocator = allocator;
        _agents = agents;
        var usage = spec.Frameworks.ToDictionary(f => f.Settings.Name, f => f.Usage, StringComparer.Ordinal);
        _fraction = (framework, task) =>
        {
            if (TraceUsage?.Invoke(framework, task.Id) is { } measured) return measured;
            var name = master.FrameworkInfoOf(framework).Name;
            return usage.TryGetValue(name, out var d) && d != null ? d.Sample(RandomStream.For(seed, $"{name}/usage/{task.Id}")) : 1.0;
        };
        Ledger = new UsageLedger(_fraction);
        Ledger.Window = (spec.Measure.From, spec.Measure.To);
        master.AddListener(Ledger);
        if (agents == AgentKind.Live || spec.Oversubscription is not { } settings || allocator is not RevocableAllocator revocable) return;
        _estimator = new SlackEstimator(loop, master, revocable, Ledger, settings);
        Qos = new QosController(loop, Ledger, settings);
        _estimator.Start();
        Qos.Start();
    }

    public UsageLedger Ledger { get; }

    /// <summary>The share of its resources a task uses: its trace's measurement, else its framework's draw (the
    /// same for the same task on every call), else 1. A live run gives it to the agents, whose default command
    /// keeps that share of the task's cpus busy.</summary>
    public double UsageFraction(Core.Ids.FrameworkId framework, Core.Tasks.TaskSpec task) => _fraction(framework, task);

    /// <summary>The usage fraction a task's trace measured (<see cref="Workloads.Model.WorkloadTask.Usage"/>), or
    /// null: the task takes its framework's draw. Set when the frameworks are connected.</summary>
    public Func<Core.Ids.FrameworkId, Core.Ids.TaskId, double?>? TraceUsage { get; set; }

    /// <summary>The QoS controller; null when this variant does not oversubscribe.</summary>
    public QosController? Qos { get; }

    /// <summary>The summary's columns (time averages over the measurement window): mean revocable cpus held and used, the share of the cluster's cpus and
    /// memory tasks actually used (all tasks, and regular tasks only: the utilisation without the revocable
    /// ones), evictions and the cpu-seconds of work they threw away.</summary>
    public IEnumerable<(string, double)> Metrics(Time end)
    {
        var m = Ledger.Means(end);
        var total = _allocator.Total;
        double Share(double used, double capacity) => capacity <= 0 || _agents == AgentKind.Live ? double.NaN : used / capacity;
        yield return ("revocable_alloc_cpu_mean", m.RevAllocCpu);
        yield return ("revocable_used_cpu_mean", _agents == AgentKind.Live ? double.NaN : m.RevUsedCpu);
        yield return ("usage_util_cpu_mean", Share(m.UsedCpu, total.Cpus));
        yield return ("usage_util_mem_mean", Share(m.UsedMem, total.Mem));
        yield return ("regular_usage_util_cpu_mean", Share(m.RegUsedCpu, total.Cpus));
        yield return ("evictions", Ledger.Evictions);
        yield return ("eviction_work_lost_cpu_s", Ledger.WorkLostCpuSeconds);
    }

    /// <summary>Writes oversubscription.csv into <paramref name="directory"/> (nothing without an estimator).</summary>
    public void Write(string? directory)
    {
        if (directory == null || _estimator == null) return;
        using var table = new CsvTable(Path.Combine(directory, "oversubscription.csv"), "time_s", "revocable_total_cpus",
            "revocable_alloc_cpus", "revocable_used_cpus", "regular_alloc_cpus", "regular_used_cpus", "evictions");
        foreach (var s in _estimator.Samples)
            table.Add(s.TimeSeconds).Add(s.RevocableTotal).Add(s.RevocableAllocated).Add(s.RevocableUsed).Add(s.RegularAllocated)
                .Add(s.RegularUsed).Add(s.Evictions).EndRow();
    }
}
