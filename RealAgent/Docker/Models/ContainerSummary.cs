namespace ClusterSim.RealAgent.Docker.Models;

/// <summary>One container as list shows it: less than inspect, but enough to find one's own again.</summary>
public sealed class ContainerSummary
{
    public string Id { get; set; } = "";

    /// <summary>Names with Docker's leading slash.</summary>
    public IList<string>? Names { get; set; }

    public string? Image { get; set; }

    public string? Command { get; set; }

    /// <summary>Creation time in Unix seconds.</summary>
    public long Created { get; set; }

    /// <summary>created, running, exited, ...</summary>
    public string? State { get; set; }

    /// <summary>Human-readable, e.g. "Exited (0) 3 seconds ago".</summary>
    public string? Status { get; set; }

    public IDictionary<string, string>? Labels { get; set; }
}
