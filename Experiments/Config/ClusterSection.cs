using ClusterSim.Experiments.Model;

namespace ClusterSim.Experiments.Config;

/// <summary>
/// Reads <c>cluster</c>: groups of identical agents (<c>agents: [{ count, resources, attributes, name }]</c>)
/// and/or machines replayed from a trace (<c>fromTrace</c>).
/// </summary>
public static class ClusterSection
{
    /// <summary>
    /// The most agents a cluster section may declare in all (ten times scale-100k.yaml): each becomes an
    /// object of the run, so a mistyped count must be an error here, not a run that exhausts memory.
    /// </summary>
    public const long MaxAgents = 1_000_000;

    public static ClusterSpec Read(YamlNode node, string baseDir)
    {
        node.WithKeys("agents", "fromTrace");
        var groups = new List<AgentGroup>();
        if (node.Optional("agents") is { } agents)
        {
            int index = 0;
            long total = 0;
            foreach (var a in agents.Items())
            {
                a.WithKeys("count", "resources", "attributes", "name");
                var countNode = a.Optional("count");
                long count = countNode?.Integer(1, MaxAgents, "agents") ?? 1;
                total += count;
                if (total > MaxAgents) throw countNode!.Error($"the agent groups add up to {total} agents; expected at most {MaxAgents} in all");
                var resources = a.Required("resources", "resources such as \"cpus:32;mem:131072\"").ResourceSet();
                if (resources.Total.IsEmpty) throw a.Error("the agents have no resources");
                var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal);
                if (a.Optional("attributes") is { } attrs)
                    foreach (var (k, v) in attrs.Entries())
                    {
                        AttributeTemplate.Validate(v.Text(), v);
                        attributes[k] = v.Text();
                    }
                var prefix = a.OptionalString("name") ?? $"agent-{index}-";
                groups.Add(new AgentGroup((int)count, resources, attributes, prefix));
                index++;
            }
        }
        TraceSource? fromTrace = null;
        if (node.Optional("fromTrace") is { } t) fromTrace = TraceSection.Read(t, baseDir, workload: false);
        if (groups.Count == 0 && fromTrace == null) throw node.Error("expected agents or fromTrace");
        return new ClusterSpec(groups, fromTrace);
    }
}
