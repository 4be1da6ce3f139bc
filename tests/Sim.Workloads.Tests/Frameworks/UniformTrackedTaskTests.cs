using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Frameworks;
using ClusterSim.Workloads.Model;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Workloads.Tests.Frameworks;

/// <summary>A task of a job of uniform tasks (a synthetic job's) makes no workload record of its own: it
/// answers what the record would, and reading the record makes it.</summary>
public class UniformTrackedTaskTests
{
    private static readonly WorkloadTask Shape = new(0, "t", R.Parse("cpus:1;mem:128"), Duration.Zero, Time.FromSeconds(3), 0,
        TaskOutcome.Failed, WorkloadTask.NoParents);

    private static readonly Duration[] Durations = [Duration.FromSeconds(10), Duration.FromSeconds(20), Duration.FromSeconds(30)];

    [Test]
    public void ATaskOfAUniformJob_AnswersWhatItsRecordSays()
    {
        var tasks = new UniformTasks(Shape, Durations);
        var job = new TrackedJob(new WorkloadJob("j", Time.FromSeconds(3), tasks), "j");
        job.Defer();
        for (int i = 0; i < tasks.Count; i++)
        {
            var task = job.TakeDeferred();
            var record = tasks[i];
            Assert.That(task.Spec, Is.EqualTo(record));
            Assert.That((task.Request, task.Duration, task.EndsAs, task.Index, task.Parents),
                Is.EqualTo((record.Request, record.Duration, record.EndsAs, record.Index, record.Parents)));
            Assert.That(task.Id.Value, Is.EqualTo($"j/{i}"));
        }
    }

    [Test]
    public void MakingATaskOfAUniformJob_AllocatesWhatATaskOfRecordsAllocates()
    {
        // The same tasks as records made beforehand: making one of those tasks allocates the tracked task and
        // its id only. A uniform job's task must allocate no more, so no record of its own.
        var uniform = new TrackedJob(new WorkloadJob("j", Time.FromSeconds(3), new UniformTasks(Shape, Durations)), "j");
        var records = new TrackedJob(new WorkloadJob("j", Time.FromSeconds(3), new UniformTasks(Shape, Durations).ToArray()), "j");
        _ = uniform.Make(0);
        _ = records.Make(0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        _ = records.Make(1);
        long between = GC.GetAllocatedBytesForCurrentThread();
        _ = uniform.Make(1);
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.That(after - between, Is.EqualTo(between - before));
    }
}
