namespace ClusterSim.Workloads.Architectures;

/// <summary>What a shared-state commit does with a transaction that has conflicting claims (Schwarzkopf et al.,
/// EuroSys 2013, section 3.4: incremental or all-or-nothing transactions, the latter for gang scheduling;
/// compared in section 5, figure 12).</summary>
public enum CommitMode
{
    /// <summary>Any conflict rejects the whole transaction; the job is tried again.</summary>
    AllOrNothing,

    /// <summary>Claims that do not conflict are committed; only the conflicting ones are tried again.</summary>
    Incremental,
}
