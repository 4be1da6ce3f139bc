using ClusterSim.Core.Cluster;
using ClusterSim.Experiments.Model;

namespace ClusterSim.Experiments.Running;

/// <summary>Carries out a framework's lifecycle event on the run's master.</summary>
public static class FrameworkEventAction
{
    /// <summary>False when it cannot be done (the framework is gone, or the master refused the update).</summary>
    public static bool Apply(Master master, FrameworkEvent e)
    {
        if (!master.TryFindFramework(e.Framework, out var id)) return false;
        switch (e.Kind)
        {
            case FrameworkEventKind.Deactivate:
                master.DeactivateFramework(id);
                return true;
            case FrameworkEventKind.Activate:
                master.ActivateFramework(id);
                return true;
            default:
                var info = master.FrameworkInfoOf(id);
                info = info with
                {
                    Capabilities = e.Capabilities ?? info.Capabilities,
                    MinAllocatable = e.MinAllocatable ?? info.MinAllocatable,
                };
                try
                {
                    master.UpdateFramework(id, info, master.SuppressedRoles(id));
                    return true;
                }
                catch (InvalidOperationException)
                {
                    return false;
                }
        }
    }
}
