namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>SUPPRESS, in some of the framework's roles (none given: all of them).</summary>
public sealed class SuppressStep(string framework, IReadOnlyList<string> roles) : ScenarioStep
{
    public override void Run(ScenarioRun run) => run.Master.Suppress(run.Framework(framework).Id, roles);
}
