using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Model;
using ClusterSim.Workloads.Synthetic;

namespace ClusterSim.Experiments.Config;

/// <summary>
/// Reads <c>faults</c>: what fails at random during a simulated run, each distribution written as the
/// workloads write theirs (<see cref="DistributionSection"/>, durations such as 10h):
/// <code>
/// faults:
///   agents: { mtbf: DIST, repair: DIST, select: { group: 0 } }     # select: group N or groups [N, M]
///   racks: { attribute: rack, mtbf: DIST, repair: DIST }
///   tasks: [ { framework: hadoop, failureProbability: 0.02 } ]
///   master: { failovers: [2h, 5h] | mtbf: DIST, reregistration: DIST, resubscribe: DIST, reregistrationTimeout: 10m }
///   messages: { statusUpdateLoss: 0.01, delay: DIST, resend: 1s }
/// </code>
/// </summary>
public static class FaultsSection
{
    public static FaultSpec Read(YamlNode? node, ClusterSpec cluster, IReadOnlyList<FrameworkSpec> frameworks)
    {
        if (node == null) return FaultSpec.None;
        node.WithKeys("agents", "racks", "tasks", "master", "messages");
        return new FaultSpec
        {
            Agents = node.Optional("agents") is { } a ? Agents(a, cluster) : null,
            Racks = node.Optional("racks") is { } r ? Racks(r, cluster) : null,
            Tasks = node.Optional("tasks") is { } t ? Tasks(t, frameworks) : [],
            Master = node.Optional("master") is { } m ? Master(m) : null,
            Messages = node.Optional("messages") is { } msg ? Messages(msg) : null,
        };
    }

    private static AgentFaults Agents(YamlNode node, ClusterSpec cluster)
    {
        node.WithKeys("mtbf", "repair", "select");
        var mtbf = UpTime(node.Required("mtbf", "a distribution of the time to failure, e.g. { exponential: { mean: 10h } }"));
        var repair = DownTime(node.Required("repair", "a distribution of the time to repair, e.g. { constant: 30m }"));
        IReadOnlyList<int>? groups = null;
        if (node.Optional("select") is { } select)
        {
            select.WithKeys("group", "groups");
            var which = select.OneOf("group", "groups") ?? throw select.Error("expected group: N or groups: [N, ...]");
            var body = select.Required(which, "agent group indexes");
            var items = which == "group" ? [body] : body.Items();
            var list = new List<int>();
            foreach (var item in items)
            {
                long g = item.Integer("an agent group index (0 is the first group under cluster.agents)");
                if (g < 0 || g >= cluster.Groups.Count)
                    throw item.Error($"expected an agent group index from 0 to {cluster.Groups.Count - 1}, found {g}");
                if (list.Contains((int)g)) throw item.Error($"group {g} is listed twice");
                list.Add((int)g);
            }
            if (list.Count == 0) throw body.Error("expected at least one group");
            groups = list;
        }
        return new AgentFaults(mtbf, repair, groups);
    }

    private static RackFaults Racks(YamlNode node, ClusterSpec cluster)
    {
        node.WithKeys("attribute", "mtbf", "repair");
        var attributeNode = node.Required("attribute", "the agent attribute racks are named by, e.g. rack");
        var attribute = attributeNode.Text();
        if (cluster.Groups.Count > 0 && !cluster.Groups.Any(g => g.Attributes.ContainsKey(attribute)))
        {
            var known = cluster.Groups.SelectMany(g => g.Attributes.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();
            throw attributeNode.Error($"no agent group has the attribute '{attribute}'{NearestName.Suggestion(attribute, known)}"
                + (known.Length == 0 ? "; give the agents one under cluster.agents[].attributes, e.g. rack: \"r{i%10}\"" : ""));
        }
        return new RackFaults(attribute,
            UpTime(node.Required("mtbf", "a distribution of the time to failure, e.g. { exponential: { mean: 7d } }")),
            DownTime(node.Required("repair", "a distribution of the time to repair, e.g. { constant: 30m }")));
    }

    private static IReadOnlyList<TaskFaults> Tasks(YamlNode node, IReadOnlyList<FrameworkSpec> frameworks)
    {
        var names = frameworks.Select(f => f.Settings.Name).ToArray();
        var result = new List<TaskFaults>();
        foreach (var item in node.Items())
        {
            item.WithKeys("framework", "failureProbability");
            var frameworkNode = item.Required("framework", "a framework name");
            var name = frameworkNode.Text();
            if (!names.Contains(name, StringComparer.Ordinal))
                throw frameworkNode.Error($"unknown framework '{name}'{NearestName.Suggestion(name, names)}; expected one of: {string.Join(", ", names)}");
            if (result.Any(t => t.Framework == name)) throw frameworkNode.Error($"framework '{name}' is listed twice");
            var pNode = item.Required("failureProbability", "a probability from 0 to 1");
            var p = pNode.Number("a probability from 0 to 1");
            if (!(p >= 0 && p <= 1)) throw pNode.Error($"expected a probability from 0 to 1, found {p}");
            result.Add(new TaskFaults(name, p));
        }
        return result;
    }

    private static MasterFaults Master(YamlNode node)
    {
        node.WithKeys("failovers", "mtbf", "reregistration", "resubscribe", "reregistrationTimeout");
        var which = node.OneOf("failovers", "mtbf") ?? throw node.Error("expected failovers: [2h, 5h] or mtbf: DIST");
        IReadOnlyList<Duration> failovers = [];
        Distribution? mtbf = null;
        if (which == "failovers")
        {
            var list = node.Required("failovers", "a list of times, e.g. [2h, 5h]");
            failovers = list.Items().Select(i =>
            {
                var d = i.Duration();
                if (d.Micros < 0 || d.IsForever) throw i.Error("expected a time from the start of the run, e.g. 2h");
                return d;
            }).Order().ToArray();
        }
        else mtbf = UpTime(node.Required("mtbf", "a distribution of the time between failovers"));
        var defaults = MasterFaults.Default;
        var reregistration = node.Optional("reregistration") is { } rr ? DownTime(rr) : defaults.Reregistration;
        var resubscribe = node.Optional("resubscribe") is { } rs ? DownTime(rs) : defaults.Resubscribe;
        var timeout = MasterFaults.DefaultReregistrationTimeout;
        if (node.Optional("reregistrationTimeout") is { } t)
        {
            timeout = t.Duration();
            if (timeout.Micros <= 0 || timeout.IsForever) throw t.Error("expected a positive, finite timeout such as 10m");
        }
        return new MasterFaults(failovers, mtbf, reregistration, resubscribe, timeout);
    }

    private static MessageFaults Messages(YamlNode node)
    {
        node.WithKeys("statusUpdateLoss", "delay", "resend");
        double loss = 0;
        if (node.Optional("statusUpdateLoss") is { } l)
        {
            loss = l.Number("a probability from 0 to 1 (less than 1)");
            // A certain loss would resend forever.
            if (!(loss >= 0 && loss < 1)) throw l.Error($"expected a probability from 0 to less than 1, found {loss}");
        }
        var delay = node.Optional("delay") is { } d ? DownTime(d) : null;
        var resend = MessageFaults.DefaultResend;
        if (node.Optional("resend") is { } r)
        {
            resend = r.Duration();
            if (resend.Micros <= 0 || resend.IsForever) throw r.Error("expected a positive, finite resend interval such as 1s");
        }
        return new MessageFaults(loss, delay, resend);
    }

    /// <summary>A time to failure: never negative, and not always zero (a component that fails the instant it
    /// comes back would never let the run advance).</summary>
    private static Distribution UpTime(YamlNode node)
    {
        var d = DistributionSection.Read(node, Seconds);
        if (DistributionSection.Lowest(d) < 0) throw node.Error($"expected times that cannot be negative, found {d} (add min: 0s)");
        if (!(DistributionSection.Highest(d) > 0)) throw node.Error($"expected a positive time to failure, found {d}");
        return d;
    }

    private static Distribution DownTime(YamlNode node)
    {
        var d = DistributionSection.Read(node, Seconds);
        if (DistributionSection.Lowest(d) < 0) throw node.Error($"expected times that cannot be negative, found {d} (add min: 0s)");
        if (double.IsPositiveInfinity(DistributionSection.Lowest(d))) throw node.Error("expected a finite time");
        return d;
    }

    private static double Seconds(YamlNode n)
    {
        var d = n.Duration();
        if (d.IsForever) throw n.Error("expected a finite time");
        return d.Seconds;
    }
}
