using ClusterSim.Core.Cluster;

namespace ClusterSim.RealAgent.Master;

/// <summary>Says once when a newly elected master makes its first offer: the moment it serves frameworks again,
/// which is what a failover's length is measured to.</summary>
public sealed class FirstOfferLog(Action first) : IMasterListener
{
    private bool _said;

    void IMasterListener.OfferMade(Offer offer)
    {
        if (_said) return;
        _said = true;
        first();
    }
}
