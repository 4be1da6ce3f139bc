using ClusterSim.Allocators.Hierarchical;

namespace ClusterSim.Allocators.Policy;

/// <summary>
/// Static partitioning, the Mesos paper's baseline: each role owns a fixed share of the agents and is offered
/// only those. Agents are dealt out as they register, each to the role furthest below its share (ties to the
/// lower name), so the split is as even as whole agents allow and does not depend on agent sizes.
/// </summary>
internal sealed class StaticPartition : IAgentSharing
{
    private readonly (string Role, double Fraction)[] _roles;
    private readonly Dictionary<string, int> _owned = new(StringComparer.Ordinal);
    private int _agents;

    public StaticPartition(IReadOnlyDictionary<string, double> fractions)
    {
        double sum = fractions.Values.Sum();
        _roles = fractions.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (f.Key, f.Value / sum)).ToArray();
        foreach (var (role, _) in _roles) _owned[role] = 0;
    }

    public void AgentAdded(AgentSlot agent) => agent.Owner = Assign();

    public void AgentRemoved(AgentSlot agent)
    {
        if (agent.Owner != null) Release(agent.Owner);
    }

    public bool Offers(AgentSlot agent, RoleSlot role) => agent.Owner == role.Name;

    private string? Assign()
    {
        if (_roles.Length == 0) return null;
        _agents++;
        string best = _roles[0].Role;
        double bestDeficit = double.NegativeInfinity;
        foreach (var (role, fraction) in _roles)
        {
            double deficit = fraction * _agents - _owned[role];
            if (deficit > bestDeficit + 1e-12)
            {
                best = role;
                bestDeficit = deficit;
            }
        }
        _owned[best]++;
        return best;
    }

    private void Release(string role)
    {
        _owned[role]--;
        _agents--;
    }
}
