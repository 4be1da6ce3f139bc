using ClusterSim.Core.Agents;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Timing;

namespace ClusterSim.Core.Cluster;

/// <summary>Resources of one agent offered to one framework. It is outstanding until accepted, declined,
/// rescinded or timed out. <see cref="Reserved"/> is the part of <see cref="Resources"/> reserved for the
/// framework's role or a role it is nested in: tasks launched on the offer use it first. <see cref="Inherited"/>
/// is the part of it reserved for those ancestors (src/common/resources.cpp, isAllocatableTo).</summary>
public sealed record Offer(OfferId Id, FrameworkId Framework, AgentId Agent, AgentInfo AgentInfo,
    Resources.Resources Resources, Time MadeAt)
{
    // Most offers hold nothing reserved: the two reserved parts live in an object of their own, made only when
    // one of them is not empty, which takes 56 bytes off each of the millions of offers a large run makes. Empty
    // parts are never stored, so two offers with equal values compare equal (records compare this field).
    private ReservedParts? _reserved;

    public Resources.Resources Reserved
    {
        get => _reserved?.Reserved ?? default;
        init => _reserved = ReservedParts.Of(value, Inherited);
    }

    public Resources.Resources Inherited
    {
        get => _reserved?.Inherited ?? default;
        init => _reserved = ReservedParts.Of(Reserved, value);
    }

    private sealed record ReservedParts(Resources.Resources Reserved, Resources.Resources Inherited)
    {
        public static ReservedParts? Of(Resources.Resources reserved, Resources.Resources inherited) =>
            reserved.IsEmpty && inherited.IsEmpty ? null : new ReservedParts(reserved, inherited);
    }

    /// <summary>The role it is offered for (Mesos's allocation_info.role): one of the framework's roles.</summary>
    public string Role { get; init; } = "*";

    /// <summary>The agent's maintenance window, when one is scheduled (Mesos's Offer.unavailability): the
    /// framework decides whether to use resources that will go away.</summary>
    public Unavailability? Unavailability { get; init; }

    public Resources.Resources Unreserved => Resources - Reserved;
}
