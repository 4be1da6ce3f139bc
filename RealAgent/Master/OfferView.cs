namespace ClusterSim.RealAgent.Master;

/// <summary>An outstanding offer in /state; Revocable: an offer of revocable resources.</summary>
public sealed record OfferView(long Id, string Framework, string Agent, string Resources, double MadeAt, bool Revocable = false);
