using ClusterSim.Experiments.Scenarios;

namespace ClusterSim.Fuzz.ConfigTargets;

/// <summary>The scenario parser (<c>scenarios/*.yaml</c>); it reads no other file.</summary>
internal sealed class ScenarioTarget() : ConfigTarget("scenario", "scenario.yaml")
{
    protected override void Parse(string path, string text) => ScenarioParser.Parse(path, text);
}
