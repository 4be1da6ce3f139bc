namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>REVIVE, in some of the framework's roles (none given: all of them).</summary>
public sealed class ReviveStep(string framework, IReadOnlyList<string> roles) : ScenarioStep
{
    public override void Run(ScenarioRun run) => run.Master.Revive(run.Framework(framework).Id, roles);
}
