using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Memory;

namespace ClusterSim.Core.Cluster;

/// <summary>
/// The master's outstanding offers. Each sits in a slot of one array, with its timeout timer and its links in
/// its framework's and its agent's chain (their offers in the order made, for taking them back when the agent
/// or the framework goes); slots are used again once their offer is gone, ids lead to slots through an
/// <see cref="OfferIndex"/>, and the chains' ends are kept by framework and agent id in arrays of their own.
/// So making and forgetting an offer allocates nothing but the <see cref="Offer"/> the framework gets and
/// reads no agent record (a scale-10k day makes 3.4 million offers; an object per offer for this bookkeeping
/// and a dictionary entry were 11% of what the run allocated).
/// </summary>
internal sealed class OfferBook
{
    private struct Slot
    {
        public Offer? Offer;
        public TimerId Timeout;
        // -1: none.
        public int FrameworkPrevious, FrameworkNext, AgentPrevious, AgentNext;
    }

    private struct Chain
    {
        // Slots of the oldest and newest offers; stored plus one, so that a new (zeroed) chain is empty.
        public int HeadPlusOne, TailPlusOne, Count;
    }

    private Slot[] _slots = new Slot[64];
    // Slots freed by forgotten offers, and how many were ever used (not readonly: a mutable struct).
    private FreeSlots _free;
    private readonly OfferIndex _index = new();
    private Chain[] _byFramework = new Chain[8];
    private Chain[] _byAgent = new Chain[64];

    public int Count { get; private set; }

    /// <summary>The slot of the outstanding offer with this id, or -1.</summary>
    public int SlotOf(OfferId id) => _index.Find(id.Value);

    public bool IsOutstanding(OfferId id) => _index.Find(id.Value) >= 0;

    public Offer this[int slot] => _slots[slot].Offer!;

    public void SetTimeout(int slot, TimerId timeout) => _slots[slot].Timeout = timeout;

    /// <summary>
    /// Starts loading the ends of the agent's chain, which adding or removing an offer on it reads first. An
    /// allocation run offers agents all over the cluster, so each agent's chain is a cache miss, and in the
    /// loop that makes the offers (or takes back the declined ones) each miss waited for the one before (perf,
    /// scale-100k: 4% of the run thread's samples on the chain in Add, 3% in Remove); a loop that names the
    /// agents first, before the offers are made or delivered, has them loading together.
    /// </summary>
    public void Prefetch(AgentId agent) => CacheHint.LoadElement(_byAgent.AsSpan(), agent.Value);

    /// <summary>Adds the offer at the end of its framework's and its agent's chains; returns its slot.</summary>
    public int Add(Offer offer)
    {
        int slot = _free.Take();
        if (slot == _slots.Length) Array.Resize(ref _slots, 2 * _slots.Length);
        ref var framework = ref ChainOf(ref _byFramework, offer.Framework.Value);
        ref var agent = ref ChainOf(ref _byAgent, offer.Agent.Value);
        ref var s = ref _slots[slot];
        s.Offer = offer;
        s.Timeout = TimerId.None;
        s.FrameworkPrevious = framework.TailPlusOne - 1;
        s.FrameworkNext = -1;
        if (framework.TailPlusOne > 0) _slots[framework.TailPlusOne - 1].FrameworkNext = slot;
        else framework.HeadPlusOne = slot + 1;
        framework.TailPlusOne = slot + 1;
        framework.Count++;
        s.AgentPrevious = agent.TailPlusOne - 1;
        s.AgentNext = -1;
        if (agent.TailPlusOne > 0) _slots[agent.TailPlusOne - 1].AgentNext = slot;
        else agent.HeadPlusOne = slot + 1;
        agent.TailPlusOne = slot + 1;
        agent.Count++;
        _index.Add(offer.Id.Value, slot);
        Count++;
        return slot;
    }

    /// <summary>Takes the offer in <paramref name="slot"/> out of the book and its chains; returns its timeout
    /// timer, for the caller to cancel.</summary>
    public TimerId Remove(int slot)
    {
        ref var s = ref _slots[slot];
        var offer = s.Offer!;
        _index.Remove(offer.Id.Value);
        ref var framework = ref _byFramework[offer.Framework.Value];
        if (s.FrameworkPrevious >= 0) _slots[s.FrameworkPrevious].FrameworkNext = s.FrameworkNext;
        else framework.HeadPlusOne = s.FrameworkNext + 1;
        if (s.FrameworkNext >= 0) _slots[s.FrameworkNext].FrameworkPrevious = s.FrameworkPrevious;
        else framework.TailPlusOne = s.FrameworkPrevious + 1;
        framework.Count--;
        ref var agent = ref _byAgent[offer.Agent.Value];
        if (s.AgentPrevious >= 0) _slots[s.AgentPrevious].AgentNext = s.AgentNext;
        else agent.HeadPlusOne = s.AgentNext + 1;
        if (s.AgentNext >= 0) _slots[s.AgentNext].AgentPrevious = s.AgentPrevious;
        else agent.TailPlusOne = s.AgentPrevious + 1;
        agent.Count--;
        var timeout = s.Timeout;
        s = default;
        _free.Free(slot);
        Count--;
        return timeout;
    }

    /// <summary>The framework's outstanding offers, oldest first: a copy, so the caller may remove offers while
    /// going through it.</summary>
    public Offer[] OfFramework(FrameworkId id)
    {
        if (id.Value >= _byFramework.Length) return [];
        var chain = _byFramework[id.Value];
        var items = new Offer[chain.Count];
        int i = 0;
        for (int slot = chain.HeadPlusOne - 1; slot >= 0; slot = _slots[slot].FrameworkNext) items[i++] = _slots[slot].Offer!;
        return items;
    }

    /// <summary>The agent's outstanding offers, oldest first (a copy).</summary>
    public Offer[] OfAgent(AgentId id)
    {
        if (id.Value >= _byAgent.Length) return [];
        var chain = _byAgent[id.Value];
        var items = new Offer[chain.Count];
        int i = 0;
        for (int slot = chain.HeadPlusOne - 1; slot >= 0; slot = _slots[slot].AgentNext) items[i++] = _slots[slot].Offer!;
        return items;
    }

    /// <summary>Every outstanding offer, oldest first (a copy).</summary>
    public Offer[] ToArray()
    {
        var items = new Offer[Count];
        int i = 0;
        for (int slot = 0; slot < _free.Used; slot++)
            if (_slots[slot].Offer is { } offer) items[i++] = offer;
        Array.Sort(items, static (a, b) => a.Id.Value.CompareTo(b.Id.Value));
        return items;
    }

    private static ref Chain ChainOf(ref Chain[] chains, int id)
    {
        if (id >= chains.Length) Array.Resize(ref chains, Math.Max(id + 1, 2 * chains.Length));
        return ref chains[id];
    }
}
