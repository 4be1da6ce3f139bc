using ClusterSim.Core.Agents;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Timing;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Core.Tests.Cluster;

public class OfferBookTests
{
    [Test]
    public void TheIndex_FindsWhatIsOutstanding_AsIdsWrapAroundTheRing_AndLongHeldOnesMoveAside()
    {
        // Ids come in sequence, a few are held for long (they collide with later ids once the ring wraps
        // around) and the rest go in a shuffled order: every look-up must agree with a plain dictionary.
        var index = new OfferIndex();
        var model = new Dictionary<long, int>();
        var random = new System.Random(18);
        var live = new List<long>();
        long next = 1;
        for (int step = 0; step < 200_000; step++)
        {
            if (live.Count == 0 || random.Next(100) < 52)
            {
                long id = next++;
                int slot = random.Next(1_000_000);
                index.Add(id, slot);
                model.Add(id, slot);
                live.Add(id);
            }
            else
            {
                // Mostly recent offers go; the oldest stay (one in ten of the picks spares them).
                int k = random.Next(10) == 0 ? random.Next(live.Count) : live.Count - 1 - random.Next(Math.Min(live.Count, 50));
                if (k < 5 && live.Count > 5) continue;
                long id = live[k];
                live[k] = live[^1];
                live.RemoveAt(live.Count - 1);
                Assert.That(index.Remove(id), Is.True);
                model.Remove(id);
            }
            if (step % 997 == 0)
                for (long id = Math.Max(1, next - 3000); id < next; id++)
                    Assert.That(index.Find(id), Is.EqualTo(model.GetValueOrDefault(id, -1)), $"offer {id} at step {step}");
        }
        foreach (var (id, slot) in model) Assert.That(index.Find(id), Is.EqualTo(slot));
        Assert.That(index.Remove(next + 1), Is.False);
    }

    [Test]
    public void Chains_KeepTheOrderOffersWereMade_AndFreedSlotsAreUsedAgain()
    {
        var book = new OfferBook();
        var offers = Enumerable.Range(1, 5).Select(i => OfferOf(i, i % 2 == 0 ? 1 : 0)).ToArray();
        var slots = offers.Select(book.Add).ToArray();

        book.Remove(slots[2]);   // offer 3, in the middle of both chains
        book.Remove(slots[0]);   // offer 1, the head of both
        var sixth = OfferOf(6, 0);
        int reused = book.Add(sixth);

        Assert.That(reused, Is.EqualTo(slots[0]), "the slot freed last is used first");
        Assert.That(book.OfFramework(new FrameworkId(0)).Select(o => o.Id.Value), Is.EqualTo(new[] { 2L, 4, 5, 6 }));
        Assert.That(book.OfAgent(new AgentId(0)).Select(o => o.Id.Value), Is.EqualTo(new[] { 5L, 6 }));
        Assert.That(book.OfAgent(new AgentId(1)).Select(o => o.Id.Value), Is.EqualTo(new[] { 2L, 4 }));
        Assert.That(book.OfAgent(new AgentId(7)), Is.Empty);
        Assert.That(book.ToArray().Select(o => o.Id.Value), Is.EqualTo(new[] { 2L, 4, 5, 6 }));
        Assert.That(book.SlotOf(new OfferId(3)), Is.EqualTo(-1));
        Assert.That(book[book.SlotOf(new OfferId(6))], Is.SameAs(sixth));
    }

    [Test]
    public void FreedSlots_ComeBackLastFreedFirst_HoweverManyAreFree()
    {
        var book = new OfferBook();
        var slots = Enumerable.Range(1, 200).Select(i => book.Add(OfferOf(i, i % 7))).ToArray();
        var freed = slots.Where((_, i) => i % 3 != 0).ToArray();
        foreach (int slot in freed) book.Remove(slot);
        var again = Enumerable.Range(201, freed.Length + 1).Select(i => book.Add(OfferOf(i, i % 7))).ToArray();
        Assert.That(again.Take(freed.Length), Is.EqualTo(freed.Reverse()));
        Assert.That(again[^1], Is.EqualTo(200), "with none free, a new slot");
        Assert.That(book.Count, Is.EqualTo(200 - freed.Length + again.Length));
    }

    private static Offer OfferOf(long id, int agent) =>
        new(new OfferId(id), new FrameworkId(0), new AgentId(agent), AgentInfo.Of("a" + agent, "cpus:8;mem:8192"),
            R.Parse("cpus:1;mem:1024"), Time.Zero);
}
