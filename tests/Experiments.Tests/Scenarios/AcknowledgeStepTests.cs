using ClusterSim.Core.Tasks;
using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Scenarios;

namespace ClusterSim.Experiments.Tests.Scenarios;

/// <summary>The acknowledge step and addFramework's implicitAcknowledgements: a task that ended stays known to the
/// master, and reconciliation answers its terminal state, until its terminal update is acknowledged
/// (src/master/master.cpp, Master::acknowledge).</summary>
public class AcknowledgeStepTests
{
    private const string Base = """
        name: probe
        steps:
          - addAgent: { id: a1, resources: "cpus:2;mem:1024" }
          - addFramework: { id: fw1, role: role1, capabilities: [partition_aware], implicitAcknowledgements: false }
          - addFramework: { id: fw2, role: role2 }
          - accept: { framework: fw1, agent: a1, tasks: [ { id: t1, resources: "cpus:1;mem:256", duration: 5s } ], refuse: 0s }
          - advance: 5s

        """;

    private static ScenarioRun Run(string steps, out ScenarioResult result)
    {
        var run = new ScenarioRun(ScenarioParser.Parse("probe.yaml", Base + steps));
        result = run.Execute();
        return run;
    }

    [TestCase("  - acknowledge: fw9\n",
        "bad.yaml:8:18: steps[5].acknowledge: step 6: unknown framework id 'fw9' (no earlier addFramework step adds it)")]
    [TestCase("  - acknowledge: { framework: fw1 }\n",
        "bad.yaml:8:18: steps[5].acknowledge.tasks: step 6: missing; expected a list of task ids")]
    [TestCase("  - acknowledge: { framework: fw1, task: t1 }\n",
        "bad.yaml:8:36: steps[5].acknowledge.task: step 6: unknown key; did you mean tasks?")]
    [TestCase("  - addFramework: { id: fw3, implicitAcknowledgements: sometimes }\n",
        "bad.yaml:8:56: steps[5].addFramework.implicitAcknowledgements: step 6: expected true or false, found 'sometimes'")]
    public void BadInput_IsRejected_NamingFileLineAndKey(string step, string message)
    {
        var e = Assert.Throws<ConfigException>(() => ScenarioParser.Parse("bad.yaml", Base + step))!;
        Assert.That(e.Message, Is.EqualTo(message));
    }

    [Test]
    public void AnEndedTask_IsAnsweredFinished_UntilItsTerminalUpdateIsAcknowledged()
    {
        var run = Run("""
              - reconcile: { framework: fw1 }
              - expectReconciled: { fw1: { t1: FINISHED } }
              - acknowledge: { framework: fw1, tasks: [ t1 ] }
              - reconcile: { framework: fw1, tasks: [ { id: t1, agent: a1 } ] }

            """, out var result);
        Assert.That(result.Failures, Is.Empty);
        var fw1 = run.Framework("fw1");
        Assert.That(fw1.Reconciled, Is.EqualTo(new Dictionary<string, TaskState> { ["t1"] = TaskState.Gone }));
        Assert.That(fw1.Unacknowledged, Is.Empty);
    }

    [Test]
    public void WithoutTasks_EveryWaitingUpdateIsAcknowledged_InTheOrderReceived()
    {
        var run = Run("", out _);
        var fw1 = run.Framework("fw1");
        Assert.That(fw1.Unacknowledged.Select(u => (u.Task.Value, u.State)),
            Is.EqualTo(new[] { ("t1", TaskState.Running), ("t1", TaskState.Finished) }));
        new Experiments.Scenarios.Steps.AcknowledgeStep("fw1", null).Run(run);
        Assert.That(fw1.Unacknowledged, Is.Empty);
        Assert.That(run.Master.IsUnacknowledged(fw1.Id, new Core.Ids.TaskId("t1")), Is.False);
    }

    [Test]
    public void AcknowledgingWhatWasNotReceived_OrWithImplicitAcknowledgements_FailsTheStep()
    {
        Run("""
              - acknowledge: { framework: fw1, tasks: [ t9 ] }
              - acknowledge: { framework: fw2, tasks: [ t1 ] }

            """, out var result);
        Assert.That(result.Failures.Select(f => f.Message), Is.EqualTo(new[]
        {
            "fw1 has no unacknowledged update of task 't9'",
            "fw2 acknowledges each update on receipt; add it with implicitAcknowledgements: false",
        }));
    }
}
