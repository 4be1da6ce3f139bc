namespace ClusterSim.Workloads.Architectures;

/// <summary>The three scheduler architectures the Omega paper compares (Schwarzkopf et al., EuroSys 2013,
/// section 3 and figure 1).</summary>
public enum ArchitectureKind
{
    /// <summary>Mesos's offers: the master offers free resources, each framework decides on what it is offered.</summary>
    TwoLevel,

    /// <summary>One scheduler sees every free resource and places every framework's jobs, one at a time.</summary>
    Monolithic,

    /// <summary>Omega: each framework's scheduler sees the whole cell and commits optimistically.</summary>
    SharedState,
}
