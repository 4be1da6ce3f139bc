using ClusterSim.RealAgent.Agent;
using ClusterSim.RealAgent.Protocol;

namespace ClusterSim.RealAgent.Tests.Agent;

public class ContainerRecipeTests
{
    private static TaskLaunch Launch(double cpus = 1.5, double mem = 256, IReadOnlyList<string>? command = null, bool network = false) =>
        new(3, "etl", "etl-0/1", cpus, mem, 2.5, "clustersim/busybox:local", command, network);

    [Test]
    public void For_SetsTheTasksResourcesAsHardLimits_AsMesosDoes()
    {
        var spec = ContainerRecipe.For(Launch(), "a1", pidsLimit: 256);
        Assert.Multiple(() =>
        {
            Assert.That(spec.CpuShares, Is.EqualTo(1536), "1024 shares per cpu");
            Assert.That(spec.CpuPeriodMicros, Is.EqualTo(100_000));
            Assert.That(spec.CpuQuotaMicros, Is.EqualTo(150_000), "cpus x period");
            Assert.That(spec.MemoryBytes, Is.EqualTo(256L * 1024 * 1024));
            Assert.That(spec.PidsLimit, Is.EqualTo(256));
            Assert.That(spec.Network, Is.False);
        });
    }

    [Test]
    public void For_LabelsNameTheAgentFrameworkAndTask_AndTheEnvironmentDescribesTheTask()
    {
        var p = ContainerRecipe.For(Launch(), "a1", 256);
        Assert.Multiple(() =>
        {
            Assert.That(p.Labels[ContainerLabels.Agent], Is.EqualTo("a1"));
            Assert.That(p.Labels[ContainerLabels.Framework], Is.EqualTo("etl"));
            Assert.That(p.Labels[ContainerLabels.FrameworkId], Is.EqualTo("3"));
            Assert.That(p.Labels[ContainerLabels.Task], Is.EqualTo("etl-0/1"));
            Assert.That(p.Environment, Is.EquivalentTo(new[] { "CLUSTERSIM_TASK_ID=etl-0/1", "CLUSTERSIM_DURATION_S=2.5", "CLUSTERSIM_CPUS=1.5" }));
            Assert.That(p.Name, Does.Match("^cs-a1-etl-etl-0-1-[0-9a-f]{8}$"));
        });
    }

    [Test]
    public void For_WithoutACommand_BurnsCeilCpusLoopsForTheWallDuration()
    {
        var cmd = ContainerRecipe.For(Launch(cpus: 1.5), "a1", 256).Command!;
        Assert.That(cmd[2], Does.Contain("-lt 2").And.Contain("timeout 2.5"));
    }

    [Test]
    public void For_WithACommand_RunsIt_AndAnEmptyOneRunsTheImagesOwn()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ContainerRecipe.For(Launch(command: ["echo", "hi"]), "a1", 256).Command, Is.EqualTo(new[] { "echo", "hi" }));
            Assert.That(ContainerRecipe.For(Launch(command: []), "a1", 256).Command, Is.Null);
        });
    }

    [Test]
    public void For_ATaskThatAsksForNetwork_GetsTheBridge()
    {
        Assert.That(ContainerRecipe.For(Launch(network: true), "a1", 256).Network, Is.True);
    }

    [Test]
    public void For_AUsageShare_CapsTheDefaultCommandAtThatShareOfItsCpus_NotACommandOfItsOwn()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ContainerRecipe.For(Launch(cpus: 2) with { Usage = 0.25 }, "a1", 256).CpuQuotaMicros, Is.EqualTo(50_000),
                "2 busy loops held to half a cpu: the task leaves the slack its simulated twin leaves");
            Assert.That(ContainerRecipe.For(Launch(cpus: 2, command: ["sh", "-c", "work"]) with { Usage = 0.25 }, "a1", 256).CpuQuotaMicros, Is.EqualTo(200_000));
            Assert.That(ContainerRecipe.For(Launch(cpus: 2) with { Revocable = true }, "a1", 256).Labels[ContainerLabels.Revocable], Is.EqualTo("true"));
        });
    }
}
