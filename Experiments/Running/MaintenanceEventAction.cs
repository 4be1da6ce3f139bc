using ClusterSim.Core.Cluster;
using ClusterSim.Experiments.Model;

namespace ClusterSim.Experiments.Running;

/// <summary>
/// Carries out a maintenance window as an operator would with Mesos's maintenance primitives: the schedule now
/// (inverse offers go to the frameworks on the agent), the machine down at the start (DRAIN_AGENT at once: its
/// tasks are killed and it gets no offers), and up again at the end (the window cancelled, the agent
/// reactivated).
/// </summary>
public static class MaintenanceEventAction
{
    /// <summary>False when the agent is not registered.</summary>
    public static bool Apply(Master master, MaintenanceWindow window)
    {
        if (!master.TryFindAgent(window.Agent, out var id)) return false;
        master.UpdateMaintenance(id, new Unavailability(window.Start, window.Duration));
        var loop = master.Loop;
        loop.At(window.Start, () =>
        {
            if (master.TryFindAgent(window.Agent, out var down) && down == id) master.DrainAgent(id);
        });
        if (!window.Duration.IsForever)
            loop.At(window.Start + window.Duration, () =>
            {
                if (!master.TryFindAgent(window.Agent, out var up) || up != id) return;
                master.UpdateMaintenance(id, null);
                master.ActivateAgent(id);
            });
        return true;
    }
}
