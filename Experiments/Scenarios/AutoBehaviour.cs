using ClusterSim.Core.Cluster;
using ClusterSim.Core.Resources;
using ClusterSim.Core.Timing;

namespace ClusterSim.Experiments.Scenarios;

/// <summary>
/// How an automatic scenario framework answers every offer: it launches up to <see cref="PerOffer"/> tasks of
/// <see cref="Task"/> that fit (all that fit when null) and declines the rest with <see cref="Refuse"/>.
/// </summary>
public sealed record AutoBehaviour(Resources Task, int? PerOffer, Duration Duration, OfferFilter Refuse);
