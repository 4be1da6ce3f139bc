using ClusterSim.RealAgent.Security;

namespace ClusterSim.Experiments.Running;

/// <summary>How <c>run --live</c> was asked for: the shared token, and a listen URL that overrides the file's;
/// or, with <see cref="Masters"/>, the standing master to subscribe the frameworks to and the principal to do
/// it as.</summary>
public sealed record LiveOptions(BearerToken? Token, string? Listen = null)
{
    /// <summary>A standing master (<c>--master URL</c>, or several of which one leads); null: the run hosts its own.</summary>
    public IReadOnlyList<Uri>? Masters { get; init; }

    /// <summary>The principal and secret the frameworks subscribe as (<c>--principal</c>, <c>--secret-file</c>).</summary>
    public (string Principal, string Secret)? Credential { get; init; }

    /// <summary>Where the master's messages (agents joining and lost, tasks that did not finish) go.</summary>
    public Action<string> Log { get; init; } = Console.WriteLine;
}
