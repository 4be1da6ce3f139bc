using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace ClusterSim.Benchmarks;

/// <summary>
/// One allocation run of Mesos's DeclineOffers setup (see <see cref="DeclineOffersCluster"/>): the first run,
/// which offers every agent, and a run after every offer was declined with an endless filter. Each iteration
/// builds a fresh cluster, so a run is measured once per iteration (a cold, single-shot measurement, as the
/// allocator meets it every interval).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class AllocationRunBenchmarks
{
    private DeclineOffersCluster _cluster = null!;

    [Params("10000x1000", "20000x2000", "50000x1000")]
    public string Size { get; set; } = "10000x1000";

    private (int Agents, int Frameworks) Parsed
    {
        get
        {
            var parts = Size.Split('x');
            return (int.Parse(parts[0]), int.Parse(parts[1]));
        }
    }

    [IterationSetup(Target = nameof(FirstRun))]
    public void SetUpFirst() => _cluster = new DeclineOffersCluster(Parsed.Agents, Parsed.Frameworks);

    [IterationSetup(Target = nameof(DeclinedRun))]
    public void SetUpDeclined()
    {
        _cluster = new DeclineOffersCluster(Parsed.Agents, Parsed.Frameworks);
        _cluster.Allocate();
        _cluster.DeclineAll();
    }

    [Benchmark]
    public int FirstRun() => _cluster.Allocate();

    [Benchmark]
    public int DeclinedRun() => _cluster.Allocate();
}
