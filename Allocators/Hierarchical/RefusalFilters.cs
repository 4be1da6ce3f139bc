using ClusterSim.Core.Loop;
using ClusterSim.Core.Memory;
using ClusterSim.Core.Timing;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Hierarchical;

/// <summary>
/// The frameworks' refusal filters (Mesos's offer filters, hierarchical.cpp: recoverResources installs them,
/// isFiltered consults them): resources of one agent a framework declined with a refuse time are not offered
/// to it again, while they contain what would be offered, until the filter expires or the framework revives.
/// Each agent keeps its filters by framework (<see cref="AgentSlot.Filters"/>), where an allocation run looks
/// them up; each framework links all of its own, for a revive.
/// </summary>
internal sealed class RefusalFilters
{
    /// <summary>Batches still open to new members, at most this many (the newest kept): one per refuse time
    /// in use is enough for filters installed together to share one.</summary>
    private const int OpenBatches = 4;

    private readonly ILoop _loop;
    private readonly ITimerBatching? _batching;
    private readonly Duration _interval;
    private readonly Action<int> _expired;
    private readonly Action<ExpiryBatch>? _settle;
    private readonly Action<ExpiryBatch> _onBatchDue;
    // Filters no longer installed, linked by Next, to be used again (see RefusalFilter), oldest retired first:
    // filters of one refuse time expire in the order they were installed, so taking them back in that order
    // keeps a run of installs on objects next to each other in memory, as new ones would be (the batches that
    // expire them then walk memory in order, not at random).
    private RefusalFilter? _spare;
    private RefusalFilter? _lastSpare;
    private readonly ExpiryBatch?[] _open = new ExpiryBatch?[OpenBatches];
    private int _openNext;
    private readonly Stack<ExpiryBatch> _spareBatches = new();

    /// <param name="expired">Told the agent (id value) whose filter expired: something may be offerable there.</param>
    /// <param name="settle">Called before a batch's filters expire: those of its filters that are staged but not
    /// yet placed must be placed (a filter not placed is not in its agent's table, so expiring it would take the
    /// framework's other filters there out of the table).</param>
    public RefusalFilters(ILoop loop, Duration interval, Action<int> expired, Action<ExpiryBatch>? settle = null)
    {
        _settle = settle;
        _loop = loop;
        _batching = loop as ITimerBatching;
        _interval = interval;
        _expired = expired;
        _onBatchDue = Expire;
    }

    /// <summary>Installs a filter on a known agent in one step (<see cref="Stage"/>, <see cref="RefusalFilter.PlaceOn"/>,
    /// <see cref="Place"/>).</summary>
    public void Install(FrameworkSlot framework, AgentSlot agent, R refused, Duration refuse)
    {
        var filter = Stage(framework, refused, refuse);
        filter.PlaceOn(agent);
        Place(filter);
    }

    /// <summary>
    /// The part of installing a filter that does not need the agent's record: the filter object, the
    /// framework's chain and its expiry batch (which must be joined now: which batch it joins depends on what
    /// the loop has armed so far). <see cref="RefusalFilter.PlaceOn"/> then names its agent and
    /// <see cref="Place"/> puts it in the agent's table; until then no other method of this type may run (the
    /// allocator settles its pending returns first).
    /// </summary>
    public RefusalFilter Stage(FrameworkSlot framework, R refused, Duration refuse)
    {
        var filter = _spare;
        if (filter != null)
        {
            _spare = filter.Next;
            if (_spare == null) _lastSpare = null;
            // The spares were last touched when they expired, long ago: reading the next one's link is a cache
            // miss (perf, scale-10k: a tenth of Recover's time), so it is loaded now, for the next install.
            else CacheHint.Load(_spare, 2);
            filter.Reuse(refused, framework);
        }
        else filter = new RefusalFilter(refused, framework);
        filter.OlderOfFramework = framework.NewestFilter;
        framework.NewestFilter?.NewerOfFramework = filter;
        framework.NewestFilter = filter;
        // Mesos expires a filter after max(allocation interval, refuse_seconds) so that it cannot lapse before
        // the next batch allocation has seen it (MESOS-4302).
        var lifetime = Duration.Max(_interval, refuse);
        if (!lifetime.IsForever) JoinBatch(filter, _loop.Now + lifetime);
        return filter;
    }

    /// <summary>Makes a staged filter its framework's newest on its agent.</summary>
    public static void Place(RefusalFilter filter)
    {
        var newest = filter.Agent.Filters.Push(filter.Framework.Key, filter);
        filter.Next = newest;
        newest?.Previous = filter;
    }

    /// <summary>Puts the filter in the open batch of its expiry instant when nothing else has been armed for
    /// that instant since the batch's last member joined, else in a new batch with a timer of its own.</summary>
    private void JoinBatch(RefusalFilter filter, Time at)
    {
        if (_batching != null)
        {
            for (int i = 0; i < OpenBatches; i++)
            {
                var open = _open[i];
                if (open == null || open.At != at) continue;
                if (_batching.MayHaveArmedSince(at, open.Mark))
                {
                    // Another event is due then, after the members so far: later filters go after it.
                    Close(open);
                    break;
                }
                open.Add(filter);
                open.Mark = _batching.Armed;
                return;
            }
        }
        var batch = _spareBatches.Count > 0 ? _spareBatches.Pop() : new ExpiryBatch(_onBatchDue);
        batch.Reset(at);
        batch.Add(filter);
        batch.Timer = _loop.At(at, batch, 0);
        if (_batching == null) return;
        batch.Mark = _batching.Armed;
        // A free place if there is one, else each place in turn.
        int place = Array.IndexOf(_open, null);
        if (place < 0)
        {
            place = _openNext;
            _openNext = (_openNext + 1) % OpenBatches;
            Close(_open[place]!);
        }
        _open[place] = batch;
        batch.Open = true;
    }

    private void Close(ExpiryBatch batch)
    {
        if (!batch.Open) return;
        batch.Open = false;
        int at = Array.IndexOf(_open, batch);
        _open[at] = null;
    }

    /// <summary>Takes a filter being cleared out of its batch; the batch's timer goes when nothing is left.</summary>
    private void LeaveBatch(RefusalFilter filter)
    {
        var batch = filter.Batch;
        if (batch == null) return;
        batch.Remove(filter);
        if (batch.Count > 0) return;
        _loop.Cancel(batch.Timer);
        Done(batch);
    }

    private void Done(ExpiryBatch batch)
    {
        Close(batch);
        batch.Reset(Time.Zero);
        _spareBatches.Push(batch);
    }

    /// <summary>Whether a filter of the framework on the agent holds back this offer.</summary>
    public static bool Blocks(FrameworkSlot framework, AgentSlot agent, R offer)
    {
        return agent.Filters.Count != 0 && agent.Filters.Blocks(framework.Key, offer);
    }

    /// <summary>Removes every filter of the framework (a revive, or the framework leaving).</summary>
    public void Clear(FrameworkSlot framework)
    {
        for (var f = framework.NewestFilter; f != null;)
        {
            var older = f.OlderOfFramework;
            LeaveBatch(f);
            f.Agent.Filters.Remove(framework.Key);
            Retire(f);
            f = older;
        }
        framework.NewestFilter = null;
    }

    /// <summary>Removes every framework's filters on the agent (the agent leaving, or its attributes changing).</summary>
    public void Clear(AgentSlot agent)
    {
        for (int i = 0; i < agent.Filters.Count; i++)
            for (var f = agent.Filters.NewestAt(i); f != null;)
            {
                var next = f.Next;
                LeaveBatch(f);
                UnlinkFromFramework(f);
                Retire(f);
                f = next;
            }
        agent.Filters.Clear();
    }

    /// <summary>A batch's instant has come: its members expire in the order they were installed, as their own
    /// timers would have run them, one after another.</summary>
    private void Expire(ExpiryBatch batch)
    {
        _settle?.Invoke(batch);
        // A filter leaves its batch when it is cleared, so every member is still installed.
        int members = batch.Count;
        Close(batch);
        // The members' agents are at random places: their records, then their filter tables' arrays, are
        // prefetched a few members ahead (see CacheHint), as an allocation run does for the agents it visits.
        var recordAhead = Ahead(batch.First, RecordAhead);
        var arraysAhead = Ahead(batch.First, ArraysAhead);
        for (var filter = batch.First; filter != null;)
        {
            if (recordAhead != null)
            {
                CacheHint.Load(recordAhead.Agent, 4);
                recordAhead = recordAhead.LaterInBatch;
            }
            if (arraysAhead != null)
            {
                arraysAhead.Agent.Filters.PrefetchKeys();
                arraysAhead = arraysAhead.LaterInBatch;
            }
            var later = filter.LaterInBatch;
            Expire(filter);
            filter = later;
        }
        Done(batch);
        _batching?.CountRun(members - 1);
    }

    private const int RecordAhead = 8;
    private const int ArraysAhead = 4;

    private static RefusalFilter? Ahead(RefusalFilter? filter, int members)
    {
        for (int i = 0; i < members && filter != null; i++) filter = filter.LaterInBatch;
        return filter;
    }

    private void Expire(RefusalFilter filter)
    {
        var agent = filter.Agent;
        filter.Next?.Previous = filter.Previous;
        if (filter.Previous != null) filter.Previous.Next = filter.Next;
        else if (filter.Next != null) agent.Filters.Set(filter.Framework.Key, filter.Next);
        else agent.Filters.Remove(filter.Framework.Key);
        UnlinkFromFramework(filter);
        Retire(filter);
        _expired(agent.Id.Value);
    }

    private void Retire(RefusalFilter filter)
    {
        filter.Retire();
        if (_lastSpare == null) _spare = filter;
        else _lastSpare.Next = filter;
        _lastSpare = filter;
    }

    private static void UnlinkFromFramework(RefusalFilter filter)
    {
        filter.OlderOfFramework?.NewerOfFramework = filter.NewerOfFramework;
        if (filter.NewerOfFramework != null) filter.NewerOfFramework.OlderOfFramework = filter.OlderOfFramework;
        else filter.Framework.NewestFilter = filter.OlderOfFramework;
    }
}
