using ClusterSim.Core.Resources;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Experiments.Model;

/// <summary>
/// What the agents of a cluster's groups can hold, for the checks made before a run: a task fits an agent
/// when it asks for no more than the agent's unreserved resources plus those reserved for the task's role
/// (what the allocator can ever offer that role on it). Agents replayed from a trace are not known before
/// the run and are not counted.
/// </summary>
public sealed class AgentFit
{
    private readonly (ResourceSet Shape, long Count)[] _shapes;

    public AgentFit(ClusterSpec cluster)
    {
        _shapes = cluster.Groups.GroupBy(g => g.Resources.ToString(), StringComparer.Ordinal)
            .Select(g => (g.First().Resources, g.Sum(x => (long)x.Count))).ToArray();
    }

    /// <summary>Whether some agent could run <paramref name="task"/> for <paramref name="role"/>.</summary>
    public bool Fits(R task, string role) => _shapes.Any(s => Available(s.Shape, role).Contains(task));

    /// <summary>How many copies of <paramref name="task"/> the whole cluster holds at once for the role.</summary>
    public long Holds(R task, string role)
    {
        long total = 0;
        foreach (var (shape, count) in _shapes)
        {
            var available = Available(shape, role);
            long perAgent = long.MaxValue;
            foreach (var kind in ResourceKinds.All)
                if (task.Fixed(kind) > 0) perAgent = Math.Min(perAgent, available.Fixed(kind) / task.Fixed(kind));
            if (perAgent == long.MaxValue) return long.MaxValue;
            // Saturate: a tiny task on many large agents holds more copies than a long counts, and a wrapped
            // negative total would make every gang look unfit.
            if (perAgent != 0 && count > (long.MaxValue - total) / perAgent) return long.MaxValue;
            total += perAgent * count;
        }
        return total;
    }

    /// <summary>The largest agent, for messages.</summary>
    public string Largest(string role) =>
        _shapes.Length == 0 ? "no agents" : _shapes.Select(s => Available(s.Shape, role)).MaxBy(r => (r.Cpus, r.Mem)).ToString();

    private static R Available(ResourceSet shape, string role) => shape.Unreserved + shape.ReservedFor(role);

    public override string ToString() => string.Join(" + ", _shapes.Select(s => $"{s.Count} x {s.Shape}"));
}
