using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Model;
using ClusterSim.Workloads.Synthetic;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Workloads.Tests.Synthetic;

/// <summary>A synthetic job keeps one shared task and a run time per task; each task read is the record a
/// task of its own would be.</summary>
public class UniformTasksTests
{
    [Test]
    public void EachTask_IsTheShapeWithItsIndexAndRunTime()
    {
        var submit = Time.Zero + Duration.FromSeconds(7);
        var shape = new WorkloadTask(0, "", R.Parse("cpus:1;mem:512"), Duration.FromSeconds(1), submit, 0,
            TaskOutcome.Finished, WorkloadTask.NoParents);
        var tasks = new UniformTasks(shape, [Duration.FromSeconds(3), Duration.FromSeconds(5)]);
        Assert.That(tasks, Is.EqualTo(new[]
        {
            shape with { Index = 0, Duration = Duration.FromSeconds(3) },
            shape with { Index = 1, Duration = Duration.FromSeconds(5) },
        }));
        Assert.That(tasks.Count, Is.EqualTo(2));
        Assert.That(tasks.Request, Is.EqualTo(R.Parse("cpus:1;mem:512")));
    }

    [Test]
    public void SyntheticJobs_HaveTasksIndexedInOrder_WithTheJobsSubmit()
    {
        var workload = new SyntheticWorkload(5, new Arrival(ArrivalKind.Poisson) { RatePerSecond = 0.1 }, Distribution.Constant(3),
            new Distribution(DistributionKind.Exponential, 60), R.Parse("cpus:2;mem:1024"));
        foreach (var job in workload.Generate(1, "s"))
        {
            Assert.That(job.Tasks, Is.TypeOf<UniformTasks>());
            Assert.That(job.Tasks.Select(t => t.Index), Is.EqualTo(new[] { 0, 1, 2 }));
            Assert.That(job.Tasks.Select(t => (t.Submit, t.Request, t.Parents.Count)), Is.All.EqualTo((job.Submit, R.Parse("cpus:2;mem:1024"), 0)));
        }
    }
}
