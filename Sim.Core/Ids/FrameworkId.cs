namespace ClusterSim.Core.Ids;

/// <summary>A framework as the master numbers it, in registration order.</summary>
public readonly record struct FrameworkId(int Value)
{
    public override string ToString() => "framework#" + Value;
}
