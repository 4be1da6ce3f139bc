using ClusterSim.Core.Cluster;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Timing;

namespace ClusterSim.Experiments.Faults;

/// <summary>A cluster whose messages between the master and each framework take a drawn delay (the
/// messages: delay fault): each framework's driver and scheduler link are wrapped in
/// <see cref="DelayedSchedulerDriver"/>.</summary>
public sealed class DelayedCluster(IClusterEndpoint inner, ILoop loop, Func<Duration> delay) : IClusterEndpoint
{
    public ISchedulerDriver Connect(string framework) => new DelayedSchedulerDriver(inner.Connect(framework), loop, delay);

    public Core.Resources.Resources Capacity => inner.Capacity;
}
