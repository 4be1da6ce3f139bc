namespace ClusterSim.Core.Loop;

/// <summary>Names a scheduled timer so it can be cancelled; the loop's sequence number.</summary>
public readonly record struct TimerId(long Sequence)
{
    public static readonly TimerId None = new(-1);
}
