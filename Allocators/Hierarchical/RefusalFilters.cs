using System.Runtime.InteropServices;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Timing;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Hierarchical;

/// <summary>
/// The frameworks' refusal filters (Mesos's offer filters, hierarchical.cpp: recoverResources installs them,
/// isFiltered consults them): resources of one agent a framework declined with a refuse time are not offered
/// to it again, while they contain what would be offered, until the filter expires or the framework revives.
/// </summary>
internal sealed class RefusalFilters
{
    private readonly ILoop _loop;
    private readonly Duration _interval;
    private readonly Action<int> _expired;
    private readonly Action<RefusalFilter> _onTimer;

    /// <param name="expired">Told the agent (id value) whose filter expired: something may be offerable there.</param>
    public RefusalFilters(ILoop loop, Duration interval, Action<int> expired)
    {
        _loop = loop;
        _interval = interval;
        _expired = expired;
        _onTimer = Expire;
    }

    public void Install(FrameworkSlot framework, int agent, R refused, Duration refuse)
    {
        var filter = new RefusalFilter(refused, framework, agent, _onTimer);
        ref var newest = ref CollectionsMarshal.GetValueRefOrAddDefault(framework.Filters, agent, out _);
        filter.Next = newest;
        newest?.Previous = filter;
        newest = filter;
        // Mesos expires a filter after max(allocation interval, refuse_seconds) so that it cannot lapse before
        // the next batch allocation has seen it (MESOS-4302).
        var lifetime = Duration.Max(_interval, refuse);
        if (!lifetime.IsForever) filter.Expiry = _loop.At(_loop.Now + lifetime, filter, 0);
    }

    /// <summary>Whether a filter of the framework on the agent holds back this offer.</summary>
    public static bool Blocks(FrameworkSlot framework, int agent, R offer)
    {
        if (framework.Filters.Count == 0 || !framework.Filters.TryGetValue(agent, out var filters)) return false;
        for (var f = filters; f != null; f = f.Next)
            if (f.Blocks(offer)) return true;
        return false;
    }

    /// <summary>Removes every filter of the framework (a revive, or the framework leaving).</summary>
    public void Clear(FrameworkSlot framework)
    {
        foreach (var filters in framework.Filters.Values)
            for (var f = filters; f != null; f = f.Next)
                _loop.Cancel(f.Expiry);
        framework.Filters.Clear();
    }

    /// <summary>Removes the framework's filters on one agent (the agent leaving).</summary>
    public void Clear(FrameworkSlot framework, int agent)
    {
        if (!framework.Filters.Remove(agent, out var filters)) return;
        for (var f = filters; f != null; f = f.Next) _loop.Cancel(f.Expiry);
    }

    private void Expire(RefusalFilter filter)
    {
        // A filter's timer is cancelled when the filter is cleared, so an expiring filter is still installed.
        var filters = filter.Framework.Filters;
        filter.Next?.Previous = filter.Previous;
        if (filter.Previous != null) filter.Previous.Next = filter.Next;
        else if (filter.Next != null) filters[filter.Agent] = filter.Next;
        else filters.Remove(filter.Agent);
        _expired(filter.Agent);
    }
}
