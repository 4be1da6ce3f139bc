namespace ClusterSim.Core.Ids;

/// <summary>A task as its framework names it; unique within that framework.</summary>
public readonly record struct TaskId(string Value)
{
    public override string ToString() => Value;
}
