using ClusterSim.RealAgent.Agent;
using ClusterSim.RealAgent.Containers;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.RealAgent.Tests.Agent;

/// <summary>The agent's live slack estimate: a container's CPU rate comes from the CPU time it used between two
/// ticks, its memory from its usage now; a container seen once lends nothing yet; a total is reported only
/// when it changed.</summary>
public class SlackReporterTests
{
    [Test]
    public async Task TheSlack_IsAllocatedLessTheMeasuredRate_AndIsReportedWhenItChanges()
    {
        var runtime = new FakeContainerRuntime();
        var id = await runtime.RunAsync(new ContainerSpec("task-0", "clustersim/busybox:local"), CancellationToken.None);
        double now = 100;
        var reports = new List<R>();
        var reporter = new SlackReporter(runtime,
            _ => Task.FromResult<IReadOnlyList<(string, double, double)>>([(id, 2.0, 512.0)]),
            (total, _) =>
            {
                reports.Add(total);
                return Task.FromResult(true);
            }, 1.0, () => now);

        runtime.SetUsage(id, new ContainerUsage(CpuSeconds: 50, MemoryBytes: 128L * 1024 * 1024));
        Assert.That(await reporter.TickAsync(CancellationToken.None), Is.EqualTo(R.Parse("mem:384")), "no CPU rate from one sample");

        now = 110;
        runtime.SetUsage(id, new ContainerUsage(CpuSeconds: 55, MemoryBytes: 128L * 1024 * 1024)); // 0.5 cpus over 10 s
        Assert.That(await reporter.TickAsync(CancellationToken.None), Is.EqualTo(R.Parse("cpus:1.5;mem:384")));

        now = 120;
        runtime.SetUsage(id, new ContainerUsage(CpuSeconds: 60, MemoryBytes: 128L * 1024 * 1024));
        await reporter.TickAsync(CancellationToken.None);
        Assert.That(reports, Is.EqualTo(new[] { R.Parse("mem:384"), R.Parse("cpus:1.5;mem:384") }), "an unchanged total is not reported again");
    }
}
