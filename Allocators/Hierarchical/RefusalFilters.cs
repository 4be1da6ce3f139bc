using ClusterSim.Core.Loop;
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
    private readonly ILoop _loop;
    private readonly Duration _interval;
    private readonly Action<int> _expired;
    private readonly Action<RefusalFilter> _onTimer;
    // Filters no longer installed, linked by Next, to be used again (see RefusalFilter), oldest retired first:
    // filters of one refuse time expire in the order they were installed, so taking them back in that order
    // keeps a run of installs on objects next to each other in memory, as new ones would be (the timers that
    // expire them then walk memory in order, not at random).
    private RefusalFilter? _spare;
    private RefusalFilter? _lastSpare;

    /// <param name="expired">Told the agent (id value) whose filter expired: something may be offerable there.</param>
    public RefusalFilters(ILoop loop, Duration interval, Action<int> expired)
    {
        _loop = loop;
        _interval = interval;
        _expired = expired;
        _onTimer = Expire;
    }

    public void Install(FrameworkSlot framework, AgentSlot agent, R refused, Duration refuse)
    {
        var filter = _spare;
        if (filter != null)
        {
            _spare = filter.Next;
            if (_spare == null) _lastSpare = null;
            filter.Reuse(refused, framework, agent);
        }
        else filter = new RefusalFilter(refused, framework, agent, _onTimer);
        var newest = agent.Filters.Push(framework.Key, filter);
        filter.Next = newest;
        newest?.Previous = filter;
        filter.OlderOfFramework = framework.NewestFilter;
        framework.NewestFilter?.NewerOfFramework = filter;
        framework.NewestFilter = filter;
        // Mesos expires a filter after max(allocation interval, refuse_seconds) so that it cannot lapse before
        // the next batch allocation has seen it (MESOS-4302).
        var lifetime = Duration.Max(_interval, refuse);
        if (!lifetime.IsForever) filter.Expiry = _loop.At(_loop.Now + lifetime, filter, 0);
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
            _loop.Cancel(f.Expiry);
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
                _loop.Cancel(f.Expiry);
                UnlinkFromFramework(f);
                Retire(f);
                f = next;
            }
        agent.Filters.Clear();
    }

    private void Expire(RefusalFilter filter)
    {
        // A filter's timer is cancelled when the filter is cleared, so an expiring filter is still installed.
        var agent = filter.Agent;
        filter.Next?.Previous = filter.Previous;
        if (filter.Previous != null) filter.Previous.Next = filter.Next;
        else if (filter.Next != null) agent.Filters.Set(filter.Framework.Key, filter.Next);
        else agent.Filters.Remove(filter.Framework.Key);
        UnlinkFromFramework(filter);
        // The loop let go of the timer before running it: nothing refers to the filter any more.
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
