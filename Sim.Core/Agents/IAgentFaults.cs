using ClusterSim.Core.Ids;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;

namespace ClusterSim.Core.Agents;

/// <summary>
/// What goes wrong on a simulated agent's side when a run injects faults: tasks that fail part-way, and the
/// messages between the agent and the master (delayed, status updates lost and resent). Implementations draw
/// from seeded streams; a <see cref="SimulatedAgent"/> without one behaves exactly as before faults existed.
/// </summary>
public interface IAgentFaults
{
    /// <summary>How long after it starts the task, launched now, fails; null when it runs its course.</summary>
    Duration? FailureAfter(FrameworkId framework, TaskSpec task);

    /// <summary>How long one message between this agent and the master takes.</summary>
    Duration Delay();

    /// <summary>Whether one sending of a status update is lost on the way.</summary>
    bool StatusUpdateLost();

    /// <summary>How long the agent waits for an acknowledgement before sending an update again.</summary>
    Duration Resend { get; }
}
