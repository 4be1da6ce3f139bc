using ClusterSim.Allocators.Hierarchical;
using ClusterSim.Core.Ids;
using static ClusterSim.Allocators.Tests.Hierarchical.PartsFixtures;

namespace ClusterSim.Allocators.Tests.Hierarchical;

public class VisitPlanTests
{
    private static (VisitPlan, List<AgentSlot?>) Plan(int agents)
    {
        var plan = new VisitPlan();
        var all = new List<AgentSlot?>();
        for (int i = 0; i < agents; i++)
        {
            var agent = Agent(i);
            all.Add(agent);
            plan.AgentAdded(i);
            plan.SetOfferable(agent, true);
        }
        return (plan, all);
    }

    [Test]
    public void A_FullRun_TakesTheDirtySet_AndTheNextVisitsOnlyWhatChanged()
    {
        var (plan, all) = Plan(10);
        plan.Collect(null, skipClean: true, all);
        Assert.That(plan.Visits, Has.Count.EqualTo(10), "every agent is new");
        plan.Collect(null, skipClean: true, all);
        Assert.That(plan.Visits, Is.Empty, "nothing changed");
        plan.MarkDirty(3);
        plan.MarkDirty(7);
        plan.Collect(null, skipClean: true, all);
        Assert.That(plan.Visits, Is.EquivalentTo(new[] { 3, 7 }));
    }

    [Test]
    public void A_ChangeForEveryAgent_VisitsOnlyTheOffers_AndNoneWithNothingFree()
    {
        var (plan, all) = Plan(5);
        plan.Collect(null, skipClean: true, all);
        plan.SetOfferable(all[2]!, false);
        plan.MarkAllDirty();
        plan.Collect(null, skipClean: true, all);
        Assert.That(plan.Visits, Is.EquivalentTo(new[] { 0, 1, 3, 4 }));
    }

    [Test]
    public void Without_Skipping_EveryAgentIsVisited()
    {
        var (plan, all) = Plan(4);
        plan.Collect(null, skipClean: true, all);
        plan.Collect(null, skipClean: false, all);
        Assert.That(plan.Visits, Has.Count.EqualTo(4));
    }

    [Test]
    public void The_Order_OfSomeAgents_IsTheFullOrderRestrictedToThem()
    {
        var (plan, all) = Plan(40);
        plan.Collect(null, skipClean: false, all);
        plan.Order(12345);
        var full = plan.Visits.ToArray();
        var some = new[] { 31, 4, 17, 22, 9 };
        plan.Collect(some.Select(i => new AgentId(i)).ToArray(), skipClean: false, all);
        plan.Order(12345);
        Assert.That(plan.Visits, Is.EqualTo(full.Where(some.Contains).ToArray()));
        Assert.That(full, Is.Not.Ordered, "shuffled");
    }

    [TestCase(10)]
    [TestCase(5000)]
    public void The_RadixSort_SortsAsTheComparisonSortDoes(int n)
    {
        var random = new Random(3);
        // Random high halves with repeats (a tie there is broken by the low half, as agent ids break them).
        var keys = Enumerable.Range(0, n)
            .Select(i => ((ulong)(uint)random.Next(0, n / 2 + 1) << 32) | (uint)random.Next())
            .ToArray();
        var expected = keys.Order().ToArray();
        VisitPlan.RadixSort(keys, new ulong[n]);
        Assert.That(keys, Is.EqualTo(expected));
    }
}

