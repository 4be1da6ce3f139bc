using ClusterSim.Core.Timing;

namespace ClusterSim.Experiments.Model;

/// <summary>
/// The part of a run that time-averaged metrics cover (utilisation, shares, fairness, service load), so that
/// warm-up and wind-down do not dilute them: <c>measure: { from: 30m, to: 3h }</c>. A window reaching past
/// the end of a run is cut at the end; the default covers the whole run.
/// </summary>
public sealed record MeasureWindow(Time From, Time? To)
{
    public static readonly MeasureWindow WholeRun = new(Time.Zero, null);

    /// <summary>Where the window ends in a run that ended at <paramref name="end"/>.</summary>
    public Time EndIn(Time end) => To is { } to && to < end ? to : end;

    /// <summary>Whether an instant of a run that ended at <paramref name="end"/> lies in the window (ends included).</summary>
    public bool Contains(double seconds, Time end) => seconds >= From.Seconds && seconds <= EndIn(end).Seconds;
}
