using ClusterSim.Core.Ids;

namespace ClusterSim.Experiments.Scenarios.Steps;

public sealed class KillTaskStep(string framework, string task) : ScenarioStep
{
    public override void Run(ScenarioRun run)
    {
        if (!run.Master.KillTask(run.Framework(framework).Id, new TaskId(task)))
            throw new StepException($"{framework} has no live task '{task}'");
    }
}
