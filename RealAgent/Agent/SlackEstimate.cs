using ClusterSim.Core.Oversubscription;

namespace ClusterSim.RealAgent.Agent;

/// <summary>
/// What an agent may lend as revocable resources: the sum over its running tasks of what each was allocated
/// less what it uses (never below zero per task), scaled by the share offered, as the simulated
/// <see cref="SlackEstimator"/> does with <see cref="UsageLedger.Scaled"/> (Mesos's resource estimator,
/// src/slave/resource_estimators/fixed.cpp, returns a total less what is allocated). Live usage comes from
/// Docker's one-shot container stats (<see cref="SlackReporter"/>).
/// </summary>
public static class SlackEstimate
{
    public static Core.Resources.Resources Of(IEnumerable<(Core.Resources.Resources Allocated, Core.Resources.Resources Used)> tasks, double offered = 1.0)
    {
        var slack = Core.Resources.Resources.Empty;
        foreach (var (allocated, used) in tasks) slack += allocated.SubtractFloored(used);
        return UsageLedger.Scaled(slack, offered);
    }
}
