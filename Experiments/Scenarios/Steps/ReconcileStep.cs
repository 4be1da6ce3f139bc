using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;

namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>The framework sends RECONCILE (Mesos's Call.Reconcile): the named tasks, each with the agent it
/// names if any (by the id that agent last had), or none for implicit reconciliation. The framework's record of
/// answers is cleared first, so that <see cref="ExpectReconciledStep"/> sees this call's answers only.</summary>
public sealed class ReconcileStep(string framework, IReadOnlyList<(string Task, string? Agent)> tasks) : ScenarioStep
{
    public override void Run(ScenarioRun run)
    {
        var f = run.Framework(framework);
        var named = tasks.Select(t => new ReconcileTask(new TaskId(t.Task), t.Agent == null ? null : run.Agents[t.Agent].Id)).ToArray();
        f.Reconciled.Clear();
        run.Master.Reconcile(f.Id, named);
    }
}
