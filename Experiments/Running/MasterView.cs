using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Resources;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Experiments.Running;

/// <summary>The cluster as the run's own master keeps it (simulation, and live runs that host their master).</summary>
public sealed class MasterView(Master master, ResourceKindSet fairnessExcluded) : IClusterView
{
    public ILoop Loop => master.Loop;
    public R Total => master.Allocator.Total;

    public R Allocated
    {
        get
        {
            var sum = R.Empty;
            foreach (var f in master.Frameworks) sum += master.Allocator.Allocation(f);
            return sum;
        }
    }

    public int OutstandingOffers => master.OutstandingOfferCount;
    public bool IsRegistered(FrameworkId framework) => master.IsRegistered(framework);
    public R Allocation(FrameworkId framework) => master.Allocator.Allocation(framework);
    public R Allocation(FrameworkId framework, string role) => master.Allocator.Allocation(framework, role);
    public double Weight(string role) => master.Allocator.Weight(role);
    public ResourceKindSet FairnessExcluded => fairnessExcluded;
}
