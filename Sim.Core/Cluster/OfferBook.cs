using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;

namespace ClusterSim.Core.Cluster;

/// <summary>
/// The master's outstanding offers. Each sits in a slot of one array, with its timeout timer and its links in
/// its framework's and its agent's <see cref="OfferChain"/>; slots are used again once their offer is gone,
/// and ids lead to slots through an <see cref="OfferIndex"/>. So making and forgetting an offer allocates
/// nothing but the <see cref="Offer"/> the framework gets (a scale-10k day makes 3.4 million offers; an
/// object per offer for this bookkeeping and a dictionary entry were 7% of what the run allocated).
/// </summary>
internal sealed class OfferBook
{
    private struct Slot
    {
        public Offer? Offer;
        public TimerId Timeout;
        // -1: none. A free slot's FrameworkNext is the next free slot.
        public int FrameworkPrevious, FrameworkNext, AgentPrevious, AgentNext;
    }

    private Slot[] _slots = new Slot[64];
    private int _used;
    private int _free = -1;
    private readonly OfferIndex _index = new();

    public int Count { get; private set; }

    /// <summary>The slot of the outstanding offer with this id, or -1.</summary>
    public int SlotOf(OfferId id) => _index.Find(id.Value);

    public bool IsOutstanding(OfferId id) => _index.Find(id.Value) >= 0;

    public Offer this[int slot] => _slots[slot].Offer!;

    public void SetTimeout(int slot, TimerId timeout) => _slots[slot].Timeout = timeout;

    /// <summary>Adds the offer at the end of both chains; returns its slot.</summary>
    public int Add(Offer offer, OfferChain byFramework, OfferChain byAgent)
    {
        int slot;
        if (_free >= 0)
        {
            slot = _free;
            _free = _slots[slot].FrameworkNext;
        }
        else
        {
            if (_used == _slots.Length) Array.Resize(ref _slots, 2 * _slots.Length);
            slot = _used++;
        }
        ref var s = ref _slots[slot];
        s.Offer = offer;
        s.Timeout = TimerId.None;
        s.FrameworkPrevious = byFramework.Tail;
        s.FrameworkNext = -1;
        if (byFramework.Tail >= 0) _slots[byFramework.Tail].FrameworkNext = slot;
        else byFramework.Head = slot;
        byFramework.Tail = slot;
        byFramework.Count++;
        s.AgentPrevious = byAgent.Tail;
        s.AgentNext = -1;
        if (byAgent.Tail >= 0) _slots[byAgent.Tail].AgentNext = slot;
        else byAgent.Head = slot;
        byAgent.Tail = slot;
        byAgent.Count++;
        _index.Add(offer.Id.Value, slot);
        Count++;
        return slot;
    }

    /// <summary>Takes the offer in <paramref name="slot"/> out of the book and its chains (the ones it was
    /// added to); returns its timeout timer, for the caller to cancel.</summary>
    public TimerId Remove(int slot, OfferChain byFramework, OfferChain byAgent)
    {
        ref var s = ref _slots[slot];
        _index.Remove(s.Offer!.Id.Value);
        if (s.FrameworkPrevious >= 0) _slots[s.FrameworkPrevious].FrameworkNext = s.FrameworkNext;
        else byFramework.Head = s.FrameworkNext;
        if (s.FrameworkNext >= 0) _slots[s.FrameworkNext].FrameworkPrevious = s.FrameworkPrevious;
        else byFramework.Tail = s.FrameworkPrevious;
        byFramework.Count--;
        if (s.AgentPrevious >= 0) _slots[s.AgentPrevious].AgentNext = s.AgentNext;
        else byAgent.Head = s.AgentNext;
        if (s.AgentNext >= 0) _slots[s.AgentNext].AgentPrevious = s.AgentPrevious;
        else byAgent.Tail = s.AgentPrevious;
        byAgent.Count--;
        var timeout = s.Timeout;
        s = default;
        s.FrameworkNext = _free;
        _free = slot;
        Count--;
        return timeout;
    }

    /// <summary>The chain's offers, oldest first: a copy, so the caller may remove offers while going through it.</summary>
    public Offer[] ToArray(OfferChain chain)
    {
        var items = new Offer[chain.Count];
        int i = 0;
        for (int slot = chain.Head; slot >= 0; slot = chain.ByAgent ? _slots[slot].AgentNext : _slots[slot].FrameworkNext)
            items[i++] = _slots[slot].Offer!;
        return items;
    }

    /// <summary>Every outstanding offer, oldest first (a copy).</summary>
    public Offer[] ToArray()
    {
        var items = new Offer[Count];
        int i = 0;
        for (int slot = 0; slot < _used; slot++)
            if (_slots[slot].Offer is { } offer) items[i++] = offer;
        Array.Sort(items, static (a, b) => a.Id.Value.CompareTo(b.Id.Value));
        return items;
    }
}
