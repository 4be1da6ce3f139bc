using ClusterSim.Core.Cluster;

namespace ClusterSim.Experiments.Scenarios.Steps;

public sealed class AddFrameworkStep(FrameworkInfo info, AutoBehaviour? auto, bool implicitAcknowledgements = true) : ScenarioStep
{
    public override void Run(ScenarioRun run)
    {
        if (run.Master.TryFindFramework(info.Name, out _)) throw new StepException($"framework '{info.Name}' is already registered");
        var framework = new ScenarioFramework(info.Name, auto) { Master = run.Master, ImplicitAcknowledgements = implicitAcknowledgements };
        run.Frameworks[info.Name] = framework;
        framework.Id = run.Master.AddFramework(info, framework);
    }
}
