namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>
/// ACKNOWLEDGE (scheduler.proto Call.Acknowledge) by a framework added with <c>implicitAcknowledgements:
/// false</c>: it acknowledges, in the order it received them, the updates of <paramref name="tasks"/> (null:
/// of every task) it has not acknowledged. Once a task's terminal update is acknowledged the master forgets the
/// task (src/master/master.cpp, Master::acknowledge), so reconciliation stops answering its latest state.
/// </summary>
public sealed class AcknowledgeStep(string framework, IReadOnlyList<string>? tasks) : ScenarioStep
{
    public override void Run(ScenarioRun run)
    {
        var f = run.Framework(framework);
        if (f.ImplicitAcknowledgements)
            throw new StepException($"{framework} acknowledges each update on receipt; add it with implicitAcknowledgements: false");
        foreach (var task in tasks ?? [])
            if (!f.Unacknowledged.Exists(u => u.Task.Value == task))
                throw new StepException($"{framework} has no unacknowledged update of task '{task}'");
        var acknowledged = f.Unacknowledged.Where(u => tasks == null || tasks.Contains(u.Task.Value)).ToArray();
        foreach (var update in acknowledged)
        {
            run.Master.Acknowledge(f.Id, update);
            f.Unacknowledged.Remove(update);
        }
    }
}
