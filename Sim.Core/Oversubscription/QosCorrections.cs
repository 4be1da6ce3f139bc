namespace ClusterSim.Core.Oversubscription;

/// <summary>
/// Which revocable tasks a QoS controller kills on an agent (Mesos's QoSCorrection KILL,
/// src/slave/qos_controllers/load.cpp), by an <see cref="EvictionRule"/>: the simulated
/// <see cref="QosController"/> and the live agent (RealAgent's AgentQosController) both decide here, so one
/// rule gives the same choice in both modes. The agent is overloaded while its usage of some resource exceeds
/// <c>threshold x capacity</c>; tasks are visited newest first: <see cref="EvictionRule.All"/> kills every one
/// (usage stays over), <see cref="EvictionRule.NewestFirst"/> stops once the usage of those left fits.
/// </summary>
public static class QosCorrections
{
    /// <param name="capacity">The agent's capacity.</param>
    /// <param name="threshold">The share of it usage may reach (<see cref="OversubscriptionSettings.QosThreshold"/>).</param>
    /// <param name="used">What every task on the agent uses now, regular and revocable, those being evicted included.</param>
    /// <param name="revocable">The agent's revocable tasks in launch order, those being evicted included (they count as going).</param>
    /// <param name="usedBy">What one of them uses.</param>
    /// <returns>The tasks to kill, newest first; the caller skips those it is evicting already.</returns>
    public static List<T> Choose<T>(Resources.Resources capacity, double threshold, Resources.Resources used,
        IReadOnlyList<T> revocable, Func<T, Resources.Resources> usedBy, EvictionRule rule)
    {
        var limit = UsageLedger.Scaled(capacity, threshold);
        var chosen = new List<T>();
        for (int i = revocable.Count - 1; i >= 0 && !limit.Contains(used); i--)
        {
            chosen.Add(revocable[i]);
            if (rule == EvictionRule.NewestFirst) used -= usedBy(revocable[i]);
        }
        return chosen;
    }
}
