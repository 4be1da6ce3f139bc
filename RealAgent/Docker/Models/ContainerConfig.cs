namespace ClusterSim.RealAgent.Docker.Models;

/// <summary>
/// A container's portable configuration (the API's ContainerConfig): what to run, not the host limits
/// (those are <see cref="HostConfig"/>). Sent on create, returned by inspect.
/// </summary>
public class ContainerConfig
{
    public string? Image { get; set; }

    /// <summary>The command, one argument per element (no shell parsing unless the command is a shell).</summary>
    public IList<string>? Cmd { get; set; }

    public IList<string>? Entrypoint { get; set; }

    /// <summary>Environment as "NAME=value" strings.</summary>
    public IList<string>? Env { get; set; }

    /// <summary>Labels: how agents find their own containers again (list and event filters select by label).</summary>
    public IDictionary<string, string>? Labels { get; set; }

    public string? WorkingDir { get; set; }

    public string? User { get; set; }
}
