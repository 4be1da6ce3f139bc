using System.Runtime.CompilerServices;
using ClusterSim.Core.Ids;

namespace ClusterSim.Core.Allocation;

/// <summary>One decision of an allocation run: these resources of this agent go to this framework. The master
/// turns each grant into one offer. <see cref="Reserved"/> is the part of <see cref="Resources"/> reserved for
/// the framework's role or a role it is nested in; <see cref="Inherited"/> the part of that reserved for those
/// ancestors.</summary>
public readonly record struct Grant(FrameworkId Framework, AgentId Agent, Resources.Resources Resources,
    Resources.Resources Reserved = default)
{
    // Boxed, and only when there is some: grants are made by the million and the ancestors' reservations are
    // rare, so the common grant stays small.
    private readonly StrongBox<Resources.Resources>? _inherited;

    public Resources.Resources Inherited
    {
        get => _inherited?.Value ?? default;
        init => _inherited = value.IsEmpty ? null : new StrongBox<Resources.Resources>(value);
    }

    /// <summary>The role the resources are offered for (null: the framework's first).</summary>
    public string? Role { get; init; }
}
