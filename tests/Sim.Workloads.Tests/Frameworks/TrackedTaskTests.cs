using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Frameworks;
using ClusterSim.Workloads.Model;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Workloads.Tests.Frameworks;

/// <summary>
/// A tracked task packs its times and state (a sentinel for "none" instead of nullables); what it answers must
/// be what the plain properties answered.
/// </summary>
public class TrackedTaskTests
{
    private static TrackedTask Task(string jobId, int index, Time submit)
    {
        var spec = new WorkloadTask(index, "t", R.Parse("cpus:1;mem:128"), Duration.FromSeconds(1), submit, 0,
            TaskOutcome.Finished, WorkloadTask.NoParents);
        var specs = Enumerable.Range(0, index + 1).Select(i => spec with { Index = i }).ToArray();
        var job = new TrackedJob(new WorkloadJob("j", submit, specs), jobId);
        return job.Tasks[index] = new TrackedTask(job, specs[index], new ClusterSim.Core.Ids.TaskId($"{jobId}/{index}"));
    }

    [Test]
    public void TimesAndState_ReadBackAsSet_NullWhenNone()
    {
        var task = Task("j", 0, Time.FromSeconds(5));
        Assert.That(task.Submit, Is.EqualTo(Time.FromSeconds(5)));
        Assert.That((task.State, task.Start, task.End, task.StateName), Is.EqualTo(((TaskState?)null, (Time?)null, (Time?)null, "PENDING")));

        // Time zero and the last states are values, not "none".
        task.State = TaskState.Unknown;
        task.Start = Time.Zero;
        task.End = Time.MaxValue;
        Assert.That((task.State, task.Start, task.End, task.StateName), Is.EqualTo(((TaskState?)TaskState.Unknown, (Time?)Time.Zero, (Time?)Time.MaxValue, "UNKNOWN")));

        task.State = null;
        task.Start = null;
        task.End = null;
        Assert.That((task.State, task.Start, task.End), Is.EqualTo(((TaskState?)null, (Time?)null, (Time?)null)));
    }
}
