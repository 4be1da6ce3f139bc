using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Model;

namespace ClusterSim.Experiments.Config;

/// <summary>Reads <c>checks</c>: <c>erlangC: { framework, allowance }</c> (see mmc-queue.yaml) and
/// <c>mdOne: { framework, allowance }</c> (see md1-scheduler.yaml).</summary>
public static class ChecksSection
{
    public static ErlangCCheck? Read(YamlNode? node, IReadOnlyList<FrameworkSpec> frameworks, Duration defaultAllowance)
    {
        if (node == null) return null;
        node.WithKeys("erlangC", "mdOne");
        if (node.Optional("erlangC") is not { } e) return null;
        e.WithKeys("framework", "allowance");
        var fw = e.Required("framework", "the framework whose waits are checked");
        var names = frameworks.Select(f => f.Settings.Name).ToArray();
        if (!names.Contains(fw.Text(), StringComparer.Ordinal))
            throw fw.Error($"unknown framework '{fw.Text()}'{NearestName.Suggestion(fw.Text(), names)}");
        var allowance = e.Optional("allowance")?.Duration() ?? defaultAllowance;
        return new ErlangCCheck(fw.Text(), allowance.Seconds);
    }

    /// <summary>The M/D/1 check: the framework's jobs must arrive as a Poisson stream, each with a constant
    /// number of tasks, and a monolithic scheduler must place them.</summary>
    public static MdOneCheck? ReadMdOne(YamlNode? node, IReadOnlyList<FrameworkSpec> frameworks,
        Workloads.Architectures.SchedulerArchitecture architecture)
    {
        if (node == null) return null;
        node.WithKeys("erlangC", "mdOne");
        if (node.Optional("mdOne") is not { } m) return null;
        m.WithKeys("framework", "allowance");
        if (architecture.Kind != Workloads.Architectures.ArchitectureKind.Monolithic)
            throw m.Error("the M/D/1 check needs architecture: { kind: monolithic }: only one scheduler is one queue");
        var fw = m.Required("framework", "the framework whose placement times are checked");
        var names = frameworks.Select(f => f.Settings.Name).ToArray();
        if (!names.Contains(fw.Text(), StringComparer.Ordinal))
            throw fw.Error($"unknown framework '{fw.Text()}'{NearestName.Suggestion(fw.Text(), names)}");
        var synthetic = frameworks.Single(f => f.Settings.Name == fw.Text()).Workload?.Synthetic;
        if (synthetic == null || synthetic.Arrival.Kind != Workloads.Synthetic.ArrivalKind.Poisson
            || synthetic.TasksPerJob.Kind != Workloads.Synthetic.DistributionKind.Constant)
            throw fw.Error($"framework '{fw.Text()}' needs a synthetic workload with poisson arrivals and a constant tasksPerJob");
        var allowance = m.Optional("allowance")?.Duration().Seconds ?? 0;
        return new MdOneCheck(fw.Text(), allowance);
    }
}
