namespace ClusterSim.RealAgent.Master;

/// <summary>An outstanding offer in /state.</summary>
public sealed record OfferView(long Id, string Framework, string Agent, string Resources, double MadeAt);
