namespace ClusterSim.Core.Resources;

/// <summary>A small set of resource kinds, e.g. those excluded from fairness (Mesos's
/// --fair_sharing_excluded_resource_names).</summary>
public readonly record struct ResourceKindSet(int Bits)
{
    public bool Has(ResourceKind kind) => (Bits & (1 << (int)kind)) != 0;
    public ResourceKindSet With(ResourceKind kind) => new(Bits | (1 << (int)kind));
    public override string ToString() =>
        "[" + string.Join(", ", ResourceKinds.All.Where(Has).Select(ResourceKinds.Name)) + "]";
}
