using ClusterSim.Allocators.Hierarchical;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Timing;
using static ClusterSim.Allocators.Tests.Hierarchical.PartsFixtures;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Tests.Hierarchical;

public class RefusalFiltersTests
{
    private SimLoop _loop = null!;
    private RefusalFilters _filters = null!;
    private List<int> _expired = null!;

    [SetUp]
    public void SetUp()
    {
        _loop = new SimLoop();
        _expired = [];
        _filters = new RefusalFilters(_loop, Duration.FromSeconds(1), _expired.Add);
    }

    [Test]
    public void A_Filter_BlocksOffersItContains_OnItsAgentOnly()
    {
        var f = Framework(0, Role("r"));
        var (a3, a4) = (Agent(3), Agent(4));
        _filters.Install(f, a3, R.Parse("cpus:4;mem:4096"), Duration.FromSeconds(10));
        Assert.That(RefusalFilters.Blocks(f, a3, R.Parse("cpus:2;mem:1024")), Is.True);
        Assert.That(RefusalFilters.Blocks(f, a3, R.Parse("cpus:8;mem:1024")), Is.False, "more than was refused");
        Assert.That(RefusalFilters.Blocks(f, a4, R.Parse("cpus:1")), Is.False, "another agent");
    }

    [Test]
    public void A_Filter_LastsTheLongerOfTheIntervalAndTheRefuseTime_ThenTellsItsAgent()
    {
        // hierarchical.cpp: max(allocation interval, refuse_seconds) (MESOS-4302).
        var f = Framework(0, Role("r"));
        var a2 = Agent(2);
        _filters.Install(f, a2, R.Parse("cpus:1"), Duration.FromMilliseconds(100));
        _loop.RunUntil(Time.FromSeconds(0.5));
        Assert.That(RefusalFilters.Blocks(f, a2, R.Parse("cpus:1")), Is.True, "still within the interval");
        _loop.RunUntil(Time.FromSeconds(1));
        Assert.That(RefusalFilters.Blocks(f, a2, R.Parse("cpus:1")), Is.False);
        Assert.That(_expired, Is.EqualTo(new[] { 2 }));
    }

    [Test]
    public void Clearing_RemovesTheFilters_AndTheirTimers()
    {
        var f = Framework(0, Role("r"));
        var (a1, a2) = (Agent(1), Agent(2));
        _filters.Install(f, a1, R.Parse("cpus:1"), Duration.FromSeconds(5));
        _filters.Install(f, a2, R.Parse("cpus:1"), Duration.FromSeconds(5));
        _filters.Clear(a1);
        Assert.That(RefusalFilters.Blocks(f, a1, R.Parse("cpus:1")), Is.False);
        Assert.That(RefusalFilters.Blocks(f, a2, R.Parse("cpus:1")), Is.True);
        _filters.Clear(f);
        Assert.That(RefusalFilters.Blocks(f, a2, R.Parse("cpus:1")), Is.False);
        _loop.RunUntil(Time.FromSeconds(10));
        Assert.That(_expired, Is.Empty, "a cleared filter never expires");
    }

    [Test]
    public void Clearing_AnAgent_LeavesTheFrameworksFiltersElsewhere_AndClearingAFrameworkLeavesTheOthers()
    {
        var role = Role("r");
        var (f, g) = (Framework(0, role), Framework(1, role));
        g = new FrameworkSlot(g.Id, g.Info, role, 1) { Key = 1 };
        var (a1, a2) = (Agent(1), Agent(2));
        _filters.Install(f, a1, R.Parse("cpus:1"), Duration.FromSeconds(5));
        _filters.Install(f, a1, R.Parse("cpus:2"), Duration.FromSeconds(5));
        _filters.Install(g, a1, R.Parse("cpus:1"), Duration.FromSeconds(5));
        _filters.Install(f, a2, R.Parse("cpus:1"), Duration.FromSeconds(5));
        _filters.Clear(a1);
        Assert.That(RefusalFilters.Blocks(g, a1, R.Parse("cpus:1")), Is.False);
        _filters.Install(g, a2, R.Parse("cpus:1"), Duration.FromSeconds(5));
        _filters.Clear(f);
        Assert.That(RefusalFilters.Blocks(f, a2, R.Parse("cpus:1")), Is.False);
        Assert.That(RefusalFilters.Blocks(g, a2, R.Parse("cpus:1")), Is.True, "another framework's filter stays");
        _loop.RunUntil(Time.FromSeconds(10));
        Assert.That(_expired, Is.EqualTo(new[] { 2 }), "only g's filter on agent 2 was left to expire");
        Assert.That(g.NewestFilter, Is.Null);
        Assert.That(a2.Filters.Count, Is.Zero);
    }

    [Test]
    public void An_Expiring_Filter_LeavesTheOlderAndNewerOnesOfItsChain()
    {
        var f = Framework(0, Role("r"));
        var a = Agent(1);
        _filters.Install(f, a, R.Parse("cpus:1"), Duration.FromSeconds(5));
        _filters.Install(f, a, R.Parse("cpus:2"), Duration.FromSeconds(2));
        _filters.Install(f, a, R.Parse("cpus:3"), Duration.FromSeconds(8));
        _loop.RunUntil(Time.FromSeconds(3));
        Assert.That(RefusalFilters.Blocks(f, a, R.Parse("cpus:3")), Is.True);
        _loop.RunUntil(Time.FromSeconds(9));
        Assert.That(RefusalFilters.Blocks(f, a, R.Parse("cpus:1")), Is.False);
        Assert.That(_expired, Is.EqualTo(new[] { 1, 1, 1 }));
        Assert.That(f.NewestFilter, Is.Null);
        Assert.That(a.Filters.Count, Is.Zero);
    }

    [Test]
    public void Filters_ExpiringAtOneInstant_ShareOneLoopTimer_AndCountAsOneEventEach()
    {
        var f = Framework(0, Role("r"));
        var agents = Enumerable.Range(0, 100).Select(i => Agent(i)).ToArray();
        foreach (var a in agents) _filters.Install(f, a, R.Parse("cpus:1"), Duration.FromSeconds(5));
        Assert.That(_loop.Pending, Is.EqualTo(1));
        _loop.Run();
        Assert.That(_expired, Is.EqualTo(Enumerable.Range(0, 100)), "in the order they were installed");
        Assert.That(_loop.EventsRun, Is.EqualTo(100));
        Assert.That(f.NewestFilter, Is.Null);
    }

    /// <summary>
    /// Expiries run exactly where a timer armed for each filter at its install would have run: among other
    /// events due at the same instant, by when each was armed. Random installs, clears and other events at a
    /// few instants, against that model.
    /// </summary>
    [Test]
    public void Batched_Expiries_RunWhereTheirOwnTimersWould_AmongOtherEventsOfTheirInstant()
    {
        var random = new Random(23);
        var role = Role("r");
        var frameworks = Enumerable.Range(0, 2)
            .Select(i => new FrameworkSlot(new Core.Ids.FrameworkId(i), new Core.Cluster.FrameworkInfo("f" + i, "r"), role, i) { Key = i })
            .ToArray();
        var agents = Enumerable.Range(0, 50).Select(i => Agent(i)).ToArray();
        var ran = new List<string>();
        // What should run, by (due time, order armed): each filter's expiry keyed by its agent and framework,
        // since one of each pair is installed at a time (a cleared one is taken out).
        var model = new List<(Time At, long Armed, string What)>();
        long armed = 0;
        var filters = new RefusalFilters(_loop, Duration.FromSeconds(1), agent => ran.Add($"expire {agent}"));
        for (int step = 0; step < 3_000; step++)
        {
            switch (random.Next(10))
            {
                case < 6:
                    var f = frameworks[random.Next(frameworks.Length)];
                    var a = agents[random.Next(agents.Length)];
                    var refuse = Duration.FromSeconds(random.Next(1, 4));
                    filters.Install(f, a, R.Parse("cpus:1"), refuse);
                    model.Add((_loop.Now + refuse, armed++, $"expire {a.Id.Value}|{f.Key}"));
                    break;
                case < 8:
                    var at = _loop.Now + Duration.FromSeconds(random.Next(0, 4));
                    string what = $"event {step}";
                    _loop.At(at, () => ran.Add(what));
                    model.Add((at, armed++, what));
                    break;
                case 8:
                    var cleared = frameworks[random.Next(frameworks.Length)];
                    filters.Clear(cleared);
                    model.RemoveAll(m => m.At > _loop.Now && m.What.EndsWith($"|{cleared.Key}"));
                    break;
                default:
                    _loop.RunUntil(_loop.Now + Duration.FromSeconds(random.Next(0, 2)));
                    break;
            }
        }
        _loop.Run();
        var expected = model.OrderBy(m => m.At).ThenBy(m => m.Armed).Select(m => m.What.Split('|')[0]).ToList();
        Assert.That(ran, Is.EqualTo(expected));
        Assert.That(_loop.EventsRun, Is.EqualTo(expected.Count));
    }

    /// <summary>
    /// Filters that expired or were cleared are used again for later ones: over random installs, expiries,
    /// revives and agents leaving, what blocks must stay what a plain list of live filters says, each
    /// framework's chain must hold exactly its live filters, and objects must be reused.
    /// </summary>
    [Test]
    public void Reused_Filters_BlockExactlyWhatAListOfTheLiveOnesBlocks()
    {
        var random = new Random(17);
        var role = Role("r");
        var frameworks = Enumerable.Range(0, 3)
            .Select(i => new FrameworkSlot(new Core.Ids.FrameworkId(i), new Core.Cluster.FrameworkInfo("f" + i, "r"), role, i) { Key = i })
            .ToArray();
        var agents = Enumerable.Range(0, 4).Select(i => Agent(i)).ToArray();
        var live = new List<(FrameworkSlot F, AgentSlot A, R Refused, Time Until)>();
        var seen = new HashSet<RefusalFilter>(ReferenceEqualityComparer.Instance);
        int installs = 0;
        for (int step = 0; step < 4_000; step++)
        {
            var f = frameworks[random.Next(frameworks.Length)];
            var a = agents[random.Next(agents.Length)];
            switch (random.Next(20))
            {
                case < 12:
                    var refused = R.FromFixed(random.Next(1, 5) * 1000, random.Next(1, 5) * 1000, 0, 0);
                    var refuse = Duration.FromMilliseconds(random.Next(0, 4000));
                    _filters.Install(f, a, refused, refuse);
                    installs++;
                    seen.Add(f.NewestFilter!);
                    live.Add((f, a, refused, _loop.Now + Duration.Max(Duration.FromSeconds(1), refuse)));
                    break;
                case < 17:
                    _loop.RunUntil(_loop.Now + Duration.FromMilliseconds(random.Next(1, 700)));
                    live.RemoveAll(x => x.Until <= _loop.Now);
                    break;
                case < 19:
                    _filters.Clear(f);
                    live.RemoveAll(x => x.F == f);
                    break;
                default:
                    _filters.Clear(a);
                    live.RemoveAll(x => x.A == a);
                    break;
            }
            foreach (var fw in frameworks)
            {
                int chain = 0;
                for (var x = fw.NewestFilter; x != null; x = x.OlderOfFramework)
                {
                    Assert.That(x.Framework, Is.SameAs(fw), $"step {step}");
                    chain++;
                }
                Assert.That(chain, Is.EqualTo(live.Count(x => x.F == fw)), $"step {step}: framework {fw.Key}'s chain");
                foreach (var ag in agents)
                {
                    var offer = R.FromFixed(random.Next(0, 5) * 1000, random.Next(0, 5) * 1000, 0, 0);
                    bool expected = live.Any(x => x.F == fw && x.A == ag && x.Refused.Contains(offer));
                    Assert.That(RefusalFilters.Blocks(fw, ag, offer), Is.EqualTo(expected), $"step {step}");
                }
            }
        }
        Assert.That(seen.Count, Is.LessThan(installs / 4), "expired and cleared filters are used again");
    }
}
