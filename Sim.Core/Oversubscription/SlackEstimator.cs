using ClusterSim.Core.Cluster;
using ClusterSim.Core.Loop;

namespace ClusterSim.Core.Oversubscription;

/// <summary>
/// Each agent's resource estimator and its forwarding loop (src/slave/slave.cpp, forwardOversubscribed every
/// --oversubscribed_resources_interval). The estimate is what is still lendable: <c>fraction x slack</c> less
/// the revocable resources tasks already hold (as the fixed estimator returns its total less what is allocated,
/// src/slave/resource_estimators/fixed.cpp); the agent adds back what its revocable tasks hold and forwards the
/// total when it changed. The master then tells the allocator (updateSlave) and rescinds the agent's
/// outstanding revocable offers (src/master/master.cpp, updateSlave: "we only rescind offers containing
/// revocable resources"). Each tick also records a <see cref="OversubscriptionSample"/>.
/// </summary>
public sealed class SlackEstimator
{
    private readonly ILoop _loop;
    private readonly Master _master;
    private readonly IOversubscribedTotals _allocator;
    private readonly UsageLedger _ledger;
    private readonly OversubscriptionSettings _settings;
    private readonly List<OversubscriptionSample> _samples = [];

    public SlackEstimator(ILoop loop, Master master, IOversubscribedTotals allocator, UsageLedger ledger, OversubscriptionSettings settings)
    {
        _loop = loop;
        _master = master;
        _allocator = allocator;
        _ledger = ledger;
        _settings = settings;
    }

    public IReadOnlyList<OversubscriptionSample> Samples => _samples;

    public void Start() => _loop.At(_loop.Now + _settings.EstimatorInterval, Tick);

    private void Tick()
    {
        _loop.At(_loop.Now + _settings.EstimatorInterval, Tick);
        var total = Resources.Resources.Empty;
        foreach (var agent in _ledger.Agents)
        {
            if (!_master.IsRegistered(agent)) continue;
            var usage = _ledger.Of(agent);
            var oversubscribed = OversubscribedTotal.Of(usage.RegularAllocated, usage.RegularUsed, usage.RevocableAllocated, _settings.OfferedFraction);
            total += oversubscribed;
            if (oversubscribed == _allocator.OversubscribedOn(agent)) continue;
            _master.RescindOffersOf(agent, RevocableResources.Role, "oversubscribed resources changed");
            _allocator.UpdateOversubscribed(agent, oversubscribed);
        }
        var (revAlloc, revUsed, regAlloc, regUsed) = _ledger.Totals;
        _samples.Add(new OversubscriptionSample(_loop.Now.Seconds, total.Cpus, revAlloc.Cpus, revUsed.Cpus, regAlloc.Cpus,
            regUsed.Cpus, _ledger.Evictions));
    }
}
