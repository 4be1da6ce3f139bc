using ClusterSim.Core.Loop;
using ClusterSim.Core.Timing;

namespace ClusterSim.Allocators.Hierarchical;

/// <summary>
/// Refusal filters that expire at one instant, in the order they were installed, on one loop timer. A decline
/// is the usual answer to an offer and offers go out in batches (one allocation run), so thousands of filters
/// share an expiry instant: perf put a fifth of a large run's loop events on their timers, one each
/// (scale-10k: 3.0 of 7.3 million). A filter joins the batch of its instant only while the loop has armed
/// nothing else for that instant since the previous member joined (<see cref="ITimerBatching"/>), so the
/// members expire exactly where their own timers would have run. Used again once done (see
/// <see cref="RefusalFilters"/>).
/// </summary>
internal sealed class ExpiryBatch(Action<ExpiryBatch> due) : ITimerHandler
{
    public Time At { get; private set; }
    public TimerId Timer { get; set; } = TimerId.None;

    /// <summary>The loop's <see cref="ITimerBatching.Armed"/> when the last member joined.</summary>
    public long Mark { get; set; }

    /// <summary>Whether new filters may still join (it is among <see cref="RefusalFilters"/>' open batches).</summary>
    public bool Open { get; set; }

    public RefusalFilter? First { get; private set; }
    public RefusalFilter? Last { get; private set; }

    /// <summary>Members: the timers this one stands for.</summary>
    public int Count { get; private set; }

    /// <summary>Makes this (done) batch a new, empty one for <paramref name="at"/>.</summary>
    public void Reset(Time at)
    {
        At = at;
        Timer = TimerId.None;
        First = Last = null;
        Count = 0;
    }

    public void Add(RefusalFilter filter)
    {
        filter.Batch = this;
        filter.EarlierInBatch = Last;
        filter.LaterInBatch = null;
        if (Last != null) Last.LaterInBatch = filter;
        else First = filter;
        Last = filter;
        Count++;
    }

    public void Remove(RefusalFilter filter)
    {
        if (filter.EarlierInBatch != null) filter.EarlierInBatch.LaterInBatch = filter.LaterInBatch;
        else First = filter.LaterInBatch;
        if (filter.LaterInBatch != null) filter.LaterInBatch.EarlierInBatch = filter.EarlierInBatch;
        else Last = filter.EarlierInBatch;
        filter.Batch = null;
        filter.EarlierInBatch = filter.LaterInBatch = null;
        Count--;
    }

    void ITimerHandler.OnTimer(long arg) => due(this);
}
