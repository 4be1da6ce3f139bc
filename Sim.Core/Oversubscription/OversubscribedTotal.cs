namespace ClusterSim.Core.Oversubscription;

/// <summary>
/// The oversubscribed total an agent forwards, from its tasks' allocation and usage: the simulated
/// <see cref="SlackEstimator"/> and the live agent (RealAgent's SlackEstimate) both compute it here, so the two
/// modes estimate alike. Mesos's resource estimator returns what is still lendable (src/slave/resource_estimators/fixed.cpp:
/// its total less the revocable resources already allocated), and the agent forwards that plus what its
/// revocable tasks hold (src/slave/slave.cpp, _forwardOversubscribed); so revocable tasks never shrink the
/// estimate of the capacity they run on, and the slack is taken over the regular (non-revocable) tasks only.
/// </summary>
public static class OversubscribedTotal
{
    /// <param name="regularAllocated">What the agent's regular tasks are allocated.</param>
    /// <param name="regularUsed">What they use.</param>
    /// <param name="revocableAllocated">What its revocable tasks hold.</param>
    /// <param name="offered">The share of the slack lent, in (0, 1] (<see cref="OversubscriptionSettings.OfferedFraction"/>).</param>
    public static Resources.Resources Of(Resources.Resources regularAllocated, Resources.Resources regularUsed,
        Resources.Resources revocableAllocated, double offered)
    {
        var lendable = UsageLedger.Scaled(regularAllocated.SubtractFloored(regularUsed), offered);
        return revocableAllocated + lendable.SubtractFloored(revocableAllocated);
    }
}
