using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Model;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Workloads.Tests.Model;

/// <summary>A task's trace usage is kept packed (NaN for none); it must read back as the nullable it was given.</summary>
public class WorkloadTaskTests
{
    private static readonly WorkloadTask Task = new(0, "t", R.Parse("cpus:1;mem:128"), Duration.FromSeconds(1), Time.Zero, 0,
        TaskOutcome.Finished, WorkloadTask.NoParents);

    [Test]
    public void Usage_IsNullUnlessGiven_AndReadsBackAsGiven()
    {
        Assert.That(Task.Usage, Is.Null);
        Assert.That((Task with { Usage = 0 }).Usage, Is.EqualTo(0));
        Assert.That((Task with { Usage = 0.25 }).Usage, Is.EqualTo(0.25));
        Assert.That((Task with { Usage = 0.25 } with { Index = 3 }).Usage, Is.EqualTo(0.25), "a copy keeps it");
        Assert.That((Task with { Usage = 0.25 }) with { Usage = null }, Is.EqualTo(Task));
        Assert.That(Task with { Usage = 0.5 }, Is.Not.EqualTo(Task with { Usage = 0.25 }));
    }
}
