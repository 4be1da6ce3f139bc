using ClusterSim.Core.Timing;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Workloads.Frameworks;

/// <summary>A long-running service: its instance size, how many instances (min, max, initial), and the
/// autoscaler that keeps mean instance utilisation near <see cref="TargetUtilisation"/>.</summary>
public sealed record ServiceSettings(R Instance, int Min, int Max, int Initial, double TargetUtilisation, Duration ScaleEvery, LoadCurve Load);
