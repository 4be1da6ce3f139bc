using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Model;
using ClusterSim.Workloads.Services;
using ClusterSim.Workloads.Synthetic;

namespace ClusterSim.Experiments.Config;

/// <summary>Reads <c>checks</c>: <c>erlangC: { framework, allowance }</c> (see mmc-queue.yaml) and
/// <c>mm1: { framework, allowance }</c> (see mm1-service.yaml) and <c>mdOne: { framework, allowance }</c>
/// (see md1-scheduler.yaml).</summary>
public static class ChecksSection
{
    public static ErlangCCheck? Read(YamlNode? node, IReadOnlyList<FrameworkSpec> frameworks, Duration defaultAllowance)
    {
        if (node == null) return null;
        node.WithKeys("erlangC", "mm1", "mdOne");
        if (node.Optional("erlangC") is not { } e) return null;
        e.WithKeys("framework", "allowance");
        var fw = e.Required("framework", "the framework whose waits are checked");
        var names = frameworks.Select(f => f.Settings.Name).ToArray();
        if (!names.Contains(fw.Text(), StringComparer.Ordinal))
            throw fw.Error($"unknown framework '{fw.Text()}'{NearestName.Suggestion(fw.Text(), names)}");
        var allowance = e.Optional("allowance")?.Duration() ?? defaultAllowance;
        return new ErlangCCheck(fw.Text(), allowance.Seconds);
    }

    /// <summary>Reads <c>checks.mm1</c>; the service must be one whose latency M/M/1 predicts.</summary>
    public static Mm1Check? ReadMm1(YamlNode? node, IReadOnlyList<FrameworkSpec> frameworks)
    {
        if (node == null) return null;
        node.WithKeys("erlangC", "mm1", "mdOne");
        if (node.Optional("mm1") is not { } m) return null;
        m.WithKeys("framework", "allowance");
        var fw = m.Required("framework", "the service whose mean latency is checked");
        var names = frameworks.Select(f => f.Settings.Name).ToArray();
        var spec = frameworks.FirstOrDefault(f => f.Settings.Name == fw.Text())
            ?? throw fw.Error($"unknown framework '{fw.Text()}'{NearestName.Suggestion(fw.Text(), names)}");
        string? problem = spec.Service switch
        {
            null => "is not a service",
            { Requests: null } => "has no requests:",
            { RequestAutoscale: not null } => "autoscales; M/M/1 needs a fixed number of instances",
            { Requests: { } r } when r.Balancer != LoadBalancing.Random => "needs loadBalancer: random",
            { Requests: { } r } when r.ServiceTime.Kind != DistributionKind.Exponential || r.ServiceTime.Min != null || r.ServiceTime.Max != null
                => "needs exponential service times (unclamped)",
            { Requests: { } r } when r.PerSecond.Amplitude != 0 => "needs a constant request rate",
            { Requests: { } r } when r.Concurrency != 1 || r.QueueLimit != null => "needs concurrency 1 and no queue limit",
            { Requests: { } r } s when r.PerSecond.Mean / Math.Max(1, Math.Clamp(s.Initial, s.Min, s.Max)) >= 1 / r.ServiceTime.Mean
                => "is overloaded (lambda/n >= mu): M/M/1 has no steady state",
            _ => null,
        };
        if (problem != null) throw fw.Error($"framework '{fw.Text()}' {problem}");
        var allowance = m.Optional("allowance")?.Duration() ?? Duration.Zero;
        return new Mm1Check(fw.Text(), allowance.Seconds);
    }

    /// <summary>The M/D/1 check: the framework's jobs must arrive as a Poisson stream, each with a constant
    /// number of tasks, and a monolithic scheduler must place them.</summary>
    public static MdOneCheck? ReadMdOne(YamlNode? node, IReadOnlyList<FrameworkSpec> frameworks,
        Workloads.Architectures.SchedulerArchitecture architecture)
    {
        if (node == null) return null;
        node.WithKeys("erlangC", "mm1", "mdOne");
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
