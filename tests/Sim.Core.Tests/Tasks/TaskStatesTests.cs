using ClusterSim.Core.Tasks;

namespace ClusterSim.Core.Tests.Tasks;

/// <summary>Which states end a task: Mesos's protobuf::isTerminalState (src/common/protobuf_utils.cpp), with
/// UNREACHABLE an end for the simulator's books as for Mesos's master (updateTask, removeTask).</summary>
public class TaskStatesTests
{
    [TestCase(TaskState.Staging, false)]
    [TestCase(TaskState.Running, false)]
    [TestCase(TaskState.Finished, true)]
    [TestCase(TaskState.Failed, true)]
    [TestCase(TaskState.Killed, true)]
    [TestCase(TaskState.Lost, true)]
    [TestCase(TaskState.Unreachable, true)]
    [TestCase(TaskState.Gone, true)]
    [TestCase(TaskState.GoneByOperator, true)]
    [TestCase(TaskState.Unknown, false)]
    public void IsTerminal_AsMesosDecidesIt(TaskState state, bool terminal) =>
        Assert.That(state.IsTerminal(), Is.EqualTo(terminal));
}
