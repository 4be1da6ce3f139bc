namespace ClusterSim.Core.Loop;

/// <summary>
/// What a pending event runs: a handler given its argument, or an action. Two typed fields rather than one
/// object, so running an event needs no type test. <see cref="Generation"/> counts the slot's reuses; a
/// <see cref="TimerId"/> names a slot and a generation, so a stale id can never cancel a later occupant.
/// </summary>
internal struct EventSlot
{
    public ITimerHandler? Handler;
    public Action? Action;
    public long Arg;
    public uint Generation;
}
