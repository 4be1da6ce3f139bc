using ClusterSim.Experiments.Model;

namespace ClusterSim.Experiments.Config;

/// <summary>Reads a framework's <c>workload</c>: <c>{ synthetic: ... }</c> or <c>{ trace: ... }</c>.</summary>
public static class WorkloadSection
{
    public static WorkloadSpec Read(YamlNode w, string baseDir)
    {
        w.WithKeys("synthetic", "trace");
        return w.OneOf("synthetic", "trace") switch
        {
            "synthetic" => new WorkloadSpec(SyntheticSection.Read(w.Required("synthetic", "a synthetic workload")), null),
            "trace" => new WorkloadSpec(null, TraceSection.Read(w.Required("trace", "a trace"), baseDir)),
            _ => throw w.Error("expected synthetic or trace"),
        };
    }
}
