using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Core.Tests.Cluster;

/// <summary>The master hands a task's framework record back on the updates it makes from the task it launched,
/// (its launch refused, RUNNING, its end) and on no other (a reconciliation answer): a framework in its process finds its own record of the task without a lookup by id.</summary>
public class FrameworkRecordTests
{
    [Test]
    public void TheTasksUpdates_CarryItsFrameworkRecord_AndReconciliationAnswersDoNot()
    {
        var loop = new SimLoop();
        var master = new Master(loop, new RecordingAllocator(loop), new AllocationOptions { SkipIdleRuns = false });
        master.Start();
        new SimulatedAgent(loop, master).Register(AgentInfo.Of("a1", "cpus:4;mem:4096"));
        var link = new RecordingScheduler();
        var framework = master.AddFramework(new FrameworkInfo("fw", "fw"), link);
        loop.RunDueNow();
        object bad1 = new(), bad2 = new(), first = new(), second = new();
        static TaskSpec Task(string id, object record, double seconds = 10) =>
            new(new TaskId(id), R.Parse("cpus:1;mem:128"), Duration.FromSeconds(seconds)) { FrameworkRecord = record };
        // Two tasks of one id: the accept is refused and both fail unlaunched.
        master.Accept(framework, [link.Offers.Single().Id], [Task("t0", bad1), Task("t0", bad2)], OfferFilter.None);
        loop.RunUntil(Time.Zero + Duration.FromSeconds(5));
        // t1 runs and finishes; t2 runs until killed.
        master.Accept(framework, [link.Offers.Last().Id], [Task("t1", first), Task("t2", second, 3600)], OfferFilter.None);
        loop.RunUntil(Time.Zero + Duration.FromSeconds(20));
        master.KillTask(framework, new TaskId("t2"));
        loop.RunUntil(Time.Zero + Duration.FromSeconds(30));

        Assert.That(link.Updates.Select(u => (u.Task.Value, u.State, u.FrameworkRecord)), Is.EqualTo(new (string, TaskState, object?)[]
        {
            ("t0", TaskState.Failed, bad1),
            ("t0", TaskState.Failed, bad2),
            ("t1", TaskState.Running, first),
            ("t2", TaskState.Running, second),
            ("t1", TaskState.Finished, first),
            ("t2", TaskState.Killed, second),
        }));

        int before = link.Updates.Count;
        master.Reconcile(framework, [new TaskId("t1")]);
        loop.RunDueNow();
        Assert.That(link.Updates.Skip(before).Select(u => (u.Task.Value, u.State, u.FrameworkRecord)),
            Is.EqualTo(new (string, TaskState, object?)[] { ("t1", TaskState.Finished, null) }));
    }
}
