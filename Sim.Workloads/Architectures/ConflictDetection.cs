namespace ClusterSim.Workloads.Architectures;

/// <summary>How a shared-state commit decides that a claim conflicts (Schwarzkopf et al., EuroSys 2013,
/// section 3.4 for transactions against the shared cell state, section 5 and figure 12 for the two
/// granularities compared).</summary>
public enum ConflictDetection
{
    /// <summary>Fine-grained: a claim conflicts only when its resources no longer fit the agent's free ones.</summary>
    ResourceFit,

    /// <summary>Coarse-grained: a claim conflicts when anything changed on its agent since the snapshot (the
    /// agent's sequence number moved), even if the claim would still fit.</summary>
    SequenceNumbers,
}
