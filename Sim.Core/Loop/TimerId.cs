namespace ClusterSim.Core.Loop;

/// <summary>Names a scheduled timer so it can be cancelled. Its value means something only to the loop that
/// issued it (the simulated loop packs a slot and that slot's generation into it).</summary>
public readonly record struct TimerId(long Value)
{
    public static readonly TimerId None = new(-1);
}
