using ClusterSim.Core.Loop;
using ClusterSim.Core.Timing;

namespace ClusterSim.Experiments.Faults;

/// <summary>One direction of one connection whose messages take a drawn delay: each arrives after its delay
/// and not before the one sent before it, as over one TCP connection.</summary>
public sealed class MessageLine(ILoop loop, Func<Duration> delay)
{
    private Time _free;

    public void Send(Action deliver)
    {
        var at = loop.Now + delay();
        if (at < _free) at = _free;
        _free = at;
        loop.At(at, deliver);
    }
}
