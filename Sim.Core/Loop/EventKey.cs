namespace ClusterSim.Core.Loop;

/// <summary>
/// What the event heap orders by, and nothing more: the event's time and, packed into one word, its place in
/// scheduling order (high 32 bits) and the slot that holds what to run (low 32 bits). Sixteen bytes and no
/// reference, so moving keys around never touches what the events run, and the collector never scans them.
/// The slot in the low bits never decides an order: scheduling positions are unique.
/// </summary>
internal readonly struct EventKey(long ticks, ulong order)
{
    public readonly long Ticks = ticks;
    public readonly ulong Order = order;

    public int Slot => (int)(uint)Order;

    public static ulong Pack(uint position, int slot) => ((ulong)position << 32) | (uint)slot;

    public static bool Less(in EventKey a, in EventKey b) =>
        a.Ticks < b.Ticks || (a.Ticks == b.Ticks && a.Order < b.Order);
}
