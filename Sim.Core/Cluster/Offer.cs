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
    // Most offers hold nothing reserved and carry no maintenance window: those parts live in an object of their
    // own, made only when one of them is set, which takes 64 bytes off each of the millions of offers a large
    // run makes. Empty parts are never stored, so two offers with equal values compare equal (records compare
    // this field); setting a part to what it holds already makes nothing.
    private RareParts? _rare;

    public Resources.Resources Reserved
    {
        get => _rare?.Reserved ?? default;
        init { if (!value.Equals(Reserved)) _rare = RareParts.Of(value, Inherited, Unavailability); }
    }

    public Resources.Resources Inherited
    {
        get => _rare?.Inherited ?? default;
        init { if (!value.Equals(Inherited)) _rare = RareParts.Of(Reserved, value, Unavailability); }
    }

    /// <summary>The agent's maintenance window, when one is scheduled (Mesos's Offer.unavailability): the
    /// framework decides whether to use resources that will go away.</summary>
    public Unavailability? Unavailability
    {
        get => _rare?.Unavailability;
        init { if (value != Unavailability) _rare = RareParts.Of(Reserved, Inherited, value); }
    }

    private sealed record RareParts(Resources.Resources Reserved, Resources.Resources Inherited, Unavailability? Unavailability)
    {
        public static RareParts? Of(Resources.Resources reserved, Resources.Resources inherited, Unavailability? unavailability) =>
            reserved.IsEmpty && inherited.IsEmpty && unavailability == null ? null : new RareParts(reserved, inherited, unavailability);
    }

    /// <summary>The role it is offered for (Mesos's allocation_info.role): one of the framework's roles.</summary>
    public string Role { get; init; } = "*";

    public Resources.Resources Unreserved => Resources - Reserved;
}
