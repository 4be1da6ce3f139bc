namespace ClusterSim.RealAgent.Master;

/// <summary>An agent in /state: Id is null while it waits in the lobby for the run.</summary>
public sealed record AgentView(string Name, string Url, int? Id, string Resources, int Tasks, double SecondsSinceHeard);
