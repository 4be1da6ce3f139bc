namespace ClusterSim.Core.Oversubscription;

/// <summary>The cluster's oversubscription at one estimator tick, in cpus: revocable total the agents
/// reported, revocable held by tasks and used by them, regular held and used, and evictions so far.</summary>
public readonly record struct OversubscriptionSample(double TimeSeconds, double RevocableTotal, double RevocableAllocated,
    double RevocableUsed, double RegularAllocated, double RegularUsed, long Evictions);
