using ClusterSim.RealAgent.Security;

namespace ClusterSim.Experiments.Running;

/// <summary>How <c>run --live</c> was asked for: the shared token, and a listen URL that overrides the file's.</summary>
public sealed record LiveOptions(BearerToken Token, string? Listen = null)
{
    /// <summary>Where the master's messages (agents joining and lost, tasks that did not finish) go.</summary>
    public Action<string> Log { get; init; } = Console.WriteLine;
}
