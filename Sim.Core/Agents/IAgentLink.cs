using ClusterSim.Core.Ids;
using ClusterSim.Core.Tasks;

namespace ClusterSim.Core.Agents;

/// <summary>
/// How the master reaches an agent: an in-process simulated agent, or HTTP to a remote agent daemon. Agents
/// answer with <c>Master.UpdateTaskStatus</c>, always later on the loop, never from inside these calls.
/// </summary>
public interface IAgentLink
{
    void Launch(FrameworkId framework, TaskSpec task);

    void Kill(FrameworkId framework, TaskId task);
}
