using ClusterSim.Core.Oversubscription;

namespace ClusterSim.RealAgent.Agent;

/// <summary>
/// The oversubscribed total a live agent forwards, computed as the simulated <see cref="SlackEstimator"/>
/// computes it (<see cref="OversubscribedTotal.Of"/>): <c>offered x</c> the slack of its regular tasks
/// (allocated less used, over the agent's totals), less what its revocable tasks hold, plus what they hold
/// (src/slave/resource_estimators/fixed.cpp, src/slave/slave.cpp _forwardOversubscribed). So a revocable
/// task's own usage never shrinks the estimate of the capacity it runs on, and what it holds stays in the
/// total while it runs. A regular task not measured yet counts as using all it holds: it lends nothing yet.
/// </summary>
public static class SlackEstimate
{
    public static Core.Resources.Resources Of(IEnumerable<MeasuredTask> tasks, double offered = 1.0)
    {
        var regularAllocated = Core.Resources.Resources.Empty;
        var regularUsed = Core.Resources.Resources.Empty;
        var revocableAllocated = Core.Resources.Resources.Empty;
        foreach (var task in tasks)
        {
            if (task.Task.Revocable)
            {
                revocableAllocated += task.Allocated;
                continue;
            }
            regularAllocated += task.Allocated;
            regularUsed += task.Used ?? task.Allocated;
        }
        return OversubscribedTotal.Of(regularAllocated, regularUsed, revocableAllocated, offered);
    }
}
