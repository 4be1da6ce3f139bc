using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Services;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Workloads.Frameworks;

/// <summary>A long-running service: its instance size, how many instances (min, max, initial), and the
/// autoscaler that keeps mean instance utilisation near <see cref="TargetUtilisation"/>. With
/// <see cref="Requests"/> its load is simulated request by request instead (<see cref="RequestTraffic"/>),
/// scaled by <see cref="RequestAutoscale"/> when given (a fixed count otherwise), and
/// <see cref="Load"/> is the offered load that implies.</summary>
public sealed record ServiceSettings(R Instance, int Min, int Max, int Initial, double TargetUtilisation, Duration ScaleEvery, LoadCurve Load)
{
    /// <summary>The requests, when the load is simulated request by request.</summary>
    public RequestSettings? Requests { get; init; }

    /// <summary>The request-driven autoscaler; null keeps the initial instance count.</summary>
    public RequestAutoscale? RequestAutoscale { get; init; }

    /// <summary>The run's seed, from which the requests' streams are derived.</summary>
    public long Seed { get; init; }
}
