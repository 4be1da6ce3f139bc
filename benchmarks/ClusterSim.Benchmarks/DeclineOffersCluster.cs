using System.Diagnostics;
using ClusterSim.Allocators.Hierarchical;
using ClusterSim.Allocators.Policy;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Resources;
using ClusterSim.Core.Timing;

namespace ClusterSim.Benchmarks;

/// <summary>
/// A reproduction of Mesos's allocator benchmark DeclineOffers (src/tests/hierarchical_allocator_benchmarks
/// in Mesos): agents of cpus:24;mem:4096;disk:4096, frameworks all in one role, each agent partly used by one
/// framework (cpus:16;mem:2014;disk:1024, frameworks taken in turn), and every offer declined with a filter
/// that never expires, so that each run offers every agent to the next framework in DRF order. The allocator
/// is driven directly, as Mesos's benchmark drives its allocator process, with the default options.
/// </summary>
public sealed class DeclineOffersCluster
{
    public static readonly Resources AgentResources = Resources.Parse("cpus:24;mem:4096;disk:4096");
    public static readonly Resources Used = Resources.Parse("cpus:16;mem:2014;disk:1024");

    private readonly List<Grant> _grants = [];

    public DeclineOffersCluster(int agents, int frameworks, long seed = 1)
    {
        Loop = new SimLoop();
        Allocator = new HierarchicalAllocator(Loop, new AllocationOptions(), PolicyObjects.Drf(), seed);
        for (int f = 0; f < frameworks; f++)
            Allocator.AddFramework(new FrameworkId(f), new FrameworkInfo($"framework-{f:D5}", "role1"));
        for (int a = 0; a < agents; a++)
            Allocator.AddAgent(new AgentId(a), AgentInfo.Of($"agent-{a:D6}", "cpus:24;mem:4096;disk:4096"));
        // Each agent goes whole to the framework DRF picks (with equal shares that is each framework in turn),
        // which keeps what it uses and hands the rest back unfiltered: agent i is then partly used by one
        // framework, as in Mesos's setup.
        Allocator.Allocate(null, _grants);
        foreach (var g in _grants)
            Allocator.Recover(g.Framework, g.Agent, g.Resources - Used, Duration.Zero);
        _grants.Clear();
    }

    public SimLoop Loop { get; }

    public HierarchicalAllocator Allocator { get; }

    /// <summary>Offers made by the last run.</summary>
    public int Offers => _grants.Count;

    /// <summary>One allocation run over every agent; returns the offers it made.</summary>
    public int Allocate()
    {
        _grants.Clear();
        Allocator.Allocate(null, _grants);
        return _grants.Count;
    }

    /// <summary>Declines every offer of the last run with a filter that never expires.</summary>
    public void DeclineAll()
    {
        foreach (var g in _grants) Allocator.Recover(g.Framework, g.Agent, g.Resources, Duration.Forever);
    }

    /// <summary>
    /// Mesos's sequence: the first run, then <paramref name="declinedRuns"/> runs each after declining every
    /// offer of the previous one. Returns the wall time of each run (allocation only) and of each decline, and
    /// the CPU time of each run (see <see cref="ThreadCpuClock"/>).
    /// </summary>
    public (TimeSpan Run, int Offers, TimeSpan Decline, TimeSpan RunCpu)[] Measure(int declinedRuns)
    {
        var times = new (TimeSpan, int, TimeSpan, TimeSpan)[declinedRuns + 1];
        for (int i = 0; i <= declinedRuns; i++)
        {
            var cpu = ThreadCpuClock.Now;
            var watch = Stopwatch.StartNew();
            int offers = Allocate();
            var run = watch.Elapsed;
            var runCpu = ThreadCpuClock.Now - cpu;
            watch.Restart();
            DeclineAll();
            times[i] = (run, offers, watch.Elapsed, runCpu);
        }
        return times;
    }
}
