namespace ClusterSim.Experiments.Bench;

/// <summary>
/// What one load measured over its window: offer latency (from the master queueing an OFFERS event, in the
/// allocation run that made the offers, to a framework having read it off its stream) in milliseconds,
/// offers and events per second, declines, CPU, and how late the master's loop answered a probe posted
/// every 100 ms (hosted master only; NaN otherwise).
/// </summary>
public sealed record LiveBenchResult(
    int Agents,
    int Frameworks,
    double WindowSeconds,
    long OfferEvents,
    long Offers,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs,
    long Declines,
    long FailedCalls,
    double CpuPercentOfOneCore,
    int Cores,
    double LoopLagP99Ms,
    double LoopLagMaxMs,
    double PeakWorkingSetMegabytes)
{
    public double OffersPerSecond => WindowSeconds > 0 ? Offers / WindowSeconds : 0;
    public double OfferEventsPerSecond => WindowSeconds > 0 ? OfferEvents / WindowSeconds : 0;

    /// <summary>The target of issue 11: offers reach frameworks within 100 ms at the 99th percentile.</summary>
    public bool Holds => OfferEvents > 0 && P99Ms < 100;
}
