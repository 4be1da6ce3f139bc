namespace ClusterSim.Core.Cluster;

/// <summary>
/// A framework's or an agent's outstanding offers in the order they were made, linked through the slots of
/// the master's <see cref="OfferBook"/>: one is removed in O(1) and with no allocation (a gang scheduler
/// gathering agents holds many).
/// </summary>
internal sealed class OfferChain(OfferBook book, bool byAgent)
{
    /// <summary>Slots of the oldest and newest offers (-1: none).</summary>
    public int Head { get; set; } = -1;
    public int Tail { get; set; } = -1;

    public int Count { get; set; }

    /// <summary>Whether it links an agent's offers (else a framework's).</summary>
    public bool ByAgent => byAgent;

    /// <summary>A copy, oldest first, so the caller may remove offers while going through it.</summary>
    public Offer[] ToArray() => book.ToArray(this);
}
