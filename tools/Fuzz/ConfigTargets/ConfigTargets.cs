using ClusterSim.Fuzz.Targets;

namespace ClusterSim.Fuzz.ConfigTargets;

/// <summary>The fuzz targets of the experiment and scenario files (Experiments project), by name.</summary>
internal static class ConfigTargets
{
    public static readonly IReadOnlyList<FuzzTarget> All = [new ExperimentTarget(), new ScenarioTarget()];
}
