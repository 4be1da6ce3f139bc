namespace ClusterSim.Core.Cluster;

/// <summary>
/// What frameworks connect to: the seam between simulation and live mode on the frameworks' side. A
/// <see cref="HostedCluster"/> is a master in this process (every simulation, and <c>run --live</c> hosting
/// its own master); a <see cref="StandingCluster"/> is a master elsewhere reached through the scheduler HTTP
/// API. Frameworks get only a driver and what an operator would tell them, never the master itself.
/// </summary>
public interface IClusterEndpoint
{
    /// <summary>A new driver for one framework; the framework subscribes through it.</summary>
    ISchedulerDriver Connect(string framework);

    /// <summary>The resources the cluster has registered now, as an operator would tell a framework that
    /// sizes its work to the cluster (a gang framework refusing gangs that can never fit).</summary>
    Resources.Resources Capacity { get; }
}
