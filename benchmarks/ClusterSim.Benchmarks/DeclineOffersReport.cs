using System.Diagnostics;
using System.Globalization;

namespace ClusterSim.Benchmarks;

/// <summary>Prints Mesos's DeclineOffers sequence, run by run, for several cluster sizes.</summary>
public static class DeclineOffersReport
{
    public static void Print(IEnumerable<(int Agents, int Frameworks)> sizes, int declinedRuns, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine("agents,frameworks,run,offers,allocate_ms,decline_ms");
        foreach (var (agents, frameworks) in sizes)
        {
            var setup = Stopwatch.StartNew();
            var cluster = new DeclineOffersCluster(agents, frameworks);
            Console.Error.WriteLine($"{agents} agents x {frameworks} frameworks: set up in {setup.Elapsed.TotalSeconds:0.00} s");
            var times = cluster.Measure(declinedRuns);
            for (int i = 0; i < times.Length; i++)
                output.WriteLine(string.Create(c, $"{agents},{frameworks},{i},{times[i].Offers},{times[i].Run.TotalMilliseconds:0.00},{times[i].Decline.TotalMilliseconds:0.00}"));
            var declined = times.Skip(1).Select(t => t.Run.TotalMilliseconds).ToArray();
            var declinedCpu = times.Skip(1).Select(t => t.RunCpu.TotalMilliseconds).ToArray();
            Console.Error.WriteLine(string.Create(c,
                $"  first run {times[0].Run.TotalMilliseconds:0.0} ms ({times[0].Offers} offers); declined runs: max {declined.DefaultIfEmpty().Max():0.0} ms, mean {declined.DefaultIfEmpty().Average():0.0} ms (thread CPU time: mean {declinedCpu.DefaultIfEmpty().Average():0.0} ms, min {declinedCpu.DefaultIfEmpty().Min():0.0} ms)"));
        }
    }
}
