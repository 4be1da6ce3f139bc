using System.Globalization;
using BenchmarkDotNet.Running;
using ClusterSim.Benchmarks;

// `declineoffers [AGENTSxFRAMEWORKS ...] [--runs N]` prints each run of Mesos's DeclineOffers sequence as
// Mesos's own benchmark does (one cold pass, no statistics); anything else goes to BenchmarkDotNet, e.g.
// `--filter '*EventKernel*'`.
if (args.Length > 0 && args[0] == "declineoffers")
{
    int runs = 20;
    var sizes = new List<(int, int)>();
    for (int i = 1; i < args.Length; i++)
    {
        if (args[i] == "--runs") runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
        else
        {
            var parts = args[i].Split('x');
            sizes.Add((int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture)));
        }
    }
    if (sizes.Count == 0) sizes.AddRange([(10_000, 1_000), (20_000, 2_000), (50_000, 1_000)]);
    DeclineOffersReport.Print(sizes, runs, Console.Out);
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(EventKernelBenchmarks).Assembly).Run(args);
return 0;
