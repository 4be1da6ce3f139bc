namespace ClusterSim.RealAgent.Docker.Models;

/// <summary>GET /events.</summary>
public sealed class EventsParameters
{
    /// <summary>Also replay events since this time (the daemon keeps a short history); null: only new ones.</summary>
    public DateTimeOffset? Since { get; set; }

    /// <summary>End the stream at this time; null: follow until cancelled.</summary>
    public DateTimeOffset? Until { get; set; }

    /// <summary>Which events, e.g. new DockerFilters().Add("type", "container").Add("label", "clustersim.agent=a1").</summary>
    public DockerFilters? Filters { get; set; }
}
