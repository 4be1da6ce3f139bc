using ClusterSim.Core.Ids;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;

namespace ClusterSim.Core.Tests.Tasks;

/// <summary>Mesos's spellings of a status's reason and source (include/mesos/v1/mesos.proto, TaskStatus.Reason and
/// .Source), and a status's text for logs.</summary>
public class StatusReasonsTests
{
    [Test]
    public void EveryReasonAndSource_ReadsBackFromItsMesosName()
    {
        foreach (var reason in Enum.GetValues<StatusReason>())
            Assert.That(StatusReasons.ReasonNamed(reason.MesosName()), Is.EqualTo(reason));
        foreach (var source in Enum.GetValues<StatusSource>())
            Assert.That(StatusReasons.SourceNamed(source.MesosName()), Is.EqualTo(source));
        Assert.That((StatusReason.ContainerPreempted.MesosName(), StatusSource.Agent.MesosName()),
            Is.EqualTo(("REASON_CONTAINER_PREEMPTED", "SOURCE_AGENT")));
    }

    [TestCase(StatusReason.ContainerPreempted, "Container preempted by QoS correction", "REASON_CONTAINER_PREEMPTED: Container preempted by QoS correction")]
    [TestCase(StatusReason.Unset, "killed on request", "killed on request")]
    [TestCase(StatusReason.ContainerPreempted, null, "REASON_CONTAINER_PREEMPTED")]
    [TestCase(StatusReason.Unset, null, null)]
    public void Described_PutsTheCodeBeforeTheMessage(StatusReason code, string? message, string? expected) =>
        Assert.That(new StatusUpdate(new FrameworkId(0), new TaskId("t"), new AgentId(0), TaskState.Lost, Time.Zero, message) { Code = code }.Described(),
            Is.EqualTo(expected));
}
