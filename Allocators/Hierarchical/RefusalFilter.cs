using System.Runtime.CompilerServices;
using ClusterSim.Core.Resources;

namespace ClusterSim.Allocators.Hierarchical;

/// <summary>
/// Mesos's RefusedOfferFilter: declined resources of one agent that are not offered to the framework again
/// while they contain what would be offered. It expires with the other filters of its instant
/// (<see cref="ExpiryBatch"/>), so installing one (a decline, the most common answer to an offer) allocates
/// nothing else. A filter that expired or was cleared is used again for a later one (<see cref="Reuse"/>, by
/// <see cref="RefusalFilters"/>): filters live for the refuse time, long enough for the collector to promote
/// them, and a large cluster installs one on nearly every declined offer.
/// </summary>
internal sealed class RefusalFilter(Resources refused, FrameworkSlot framework)
{
    public Resources Refused { get; private set; } = refused;
    public FrameworkSlot Framework { get; private set; } = framework;
    /// <summary>The agent it is installed on: named when it is placed (<see cref="PlaceOn"/>), a few returns
    /// after it is staged, when the agent's record has been looked up.</summary>
    public AgentSlot Agent { get; private set; } = null!;

    public void PlaceOn(AgentSlot agent) => Agent = agent;

    /// <summary>The batch it expires with (null: it never expires), and its neighbours there (installed before
    /// and after it).</summary>
    public ExpiryBatch? Batch { get; set; }
    public RefusalFilter? EarlierInBatch { get; set; }
    public RefusalFilter? LaterInBatch { get; set; }

    /// <summary>Neighbours among the framework's filters on the same agent (newer, older): an agent's filters
    /// are a chain, so installing and expiring one allocates no list.</summary>
    public RefusalFilter? Previous { get; set; }
    public RefusalFilter? Next { get; set; }

    /// <summary>Neighbours among all of the framework's filters (newer, older), so that a revive finds them
    /// without looking at every agent.</summary>
    public RefusalFilter? NewerOfFramework { get; set; }
    public RefusalFilter? OlderOfFramework { get; set; }

    public bool Blocks(Resources offer) => Refused.Contains(offer);

    /// <summary>Makes this (no longer installed) filter a new one, unlinked and in no batch.</summary>
    // Inlined: called, it read the refused resources from the caller's copy just written to the stack, a
    // 32-byte load of four 8-byte stores that cannot be forwarded (perf, scale-100k).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Reuse(in Resources refused, FrameworkSlot framework)
    {
        Refused = refused;
        Framework = framework;
        Agent = null!;
        Previous = null;
        Next = null;
        NewerOfFramework = null;
        OlderOfFramework = null;
    }

    /// <summary>Drops what a filter no longer installed refers to, so that a removed agent or framework can be
    /// collected and a dead filter keeps no newer one alive (it then becomes the last spare).</summary>
    public void Retire()
    {
        Framework = null!;
        Agent = null!;
        Previous = null;
        Next = null;
        NewerOfFramework = null;
        OlderOfFramework = null;
        Batch = null;
        EarlierInBatch = null;
        LaterInBatch = null;
    }
}
