using System.Globalization;
using ClusterSim.Experiments.Output;

namespace ClusterSim.Experiments.Bench;

/// <summary>Prints the live loads as a table and writes them as live.csv.</summary>
public static class LiveBenchReport
{
    public static readonly string[] Header =
    [
        "agents", "frameworks", "window_s", "offer_events", "offers", "offers_per_s", "offer_events_per_s",
        "p50_ms", "p95_ms", "p99_ms", "max_ms", "declines", "failed_calls", "cpu_percent_of_one_core", "cores",
        "loop_lag_p99_ms", "loop_lag_max_ms", "peak_working_set_mb", "p99_under_100ms",
    ];

    public static void PrintHeader(TextWriter output) => output.WriteLine(
        $"{"agents",7} {"fwks",5} {"offers/s",9} {"events/s",9} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8} {"cpu %",6} {"lag p99",8} {"lag max",8} {"MB",6}  p99<100ms");

    public static void PrintRow(LiveBenchResult r, TextWriter output) => output.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{r.Agents,7} {r.Frameworks,5} {r.OffersPerSecond,9:0} {r.OfferEventsPerSecond,9:0} {r.P50Ms,8:0.0} {r.P95Ms,8:0.0} {r.P99Ms,8:0.0} {r.MaxMs,8:0.0} {r.CpuPercentOfOneCore,6:0} {r.LoopLagP99Ms,8:0.0} {r.LoopLagMaxMs,8:0.0} {r.PeakWorkingSetMegabytes,6:0}  {(r.Holds ? "yes" : "no")}"));

    /// <summary>Writes live.csv into <paramref name="directory"/>; returns its path.</summary>
    public static string Write(IReadOnlyList<LiveBenchResult> results, string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "live.csv");
        using var table = new CsvTable(path, Header);
        foreach (var r in results)
            table.Add(r.Agents).Add(r.Frameworks).Add(Math.Round(r.WindowSeconds, 2)).Add(r.OfferEvents).Add(r.Offers)
                .Add(Math.Round(r.OffersPerSecond)).Add(Math.Round(r.OfferEventsPerSecond, 1))
                .Add(Math.Round(r.P50Ms, 2)).Add(Math.Round(r.P95Ms, 2)).Add(Math.Round(r.P99Ms, 2)).Add(Math.Round(r.MaxMs, 2))
                .Add(r.Declines).Add(r.FailedCalls).Add(Math.Round(r.CpuPercentOfOneCore)).Add(r.Cores)
                .Add(Math.Round(r.LoopLagP99Ms, 2)).Add(Math.Round(r.LoopLagMaxMs, 2)).Add(Math.Round(r.PeakWorkingSetMegabytes))
                .Add(r.Holds ? "yes" : "no").EndRow();
        return path;
    }
}
