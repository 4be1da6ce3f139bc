namespace ClusterSim.RealAgent.Master;

/// <summary>A framework in /state: its dominant share, what it holds (offered or in use) and its tasks.</summary>
public sealed record FrameworkView(int Id, string Name, string Role, double Share, string Allocated, int RunningTasks, int LiveTasks, int Offers);
