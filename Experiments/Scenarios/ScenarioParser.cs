using ClusterSim.Allocators;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Tasks;
using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Scenarios.Steps;

namespace ClusterSim.Experiments.Scenarios;

/// <summary>
/// Reads a scenario file. Everything is checked before anything runs: unknown keys, malformed resources and
/// durations, and ids no earlier step added all fail with the file, step and key.
/// </summary>
public sealed class ScenarioParser
{
    private const string StepKeys =
        "addAgent, addFramework, removeAgent, removeFramework, updateAgent, deactivateAgent, activateAgent, drainAgent, scheduleMaintenance, cancelMaintenance, acceptInverseOffers, declineInverseOffers, deactivateFramework, activateFramework, updateFramework, accept, decline, declineAll, suppress, revive, setWeight, setQuota, reserve, unreserve, killTask, acknowledge, reconcile, failAgent, repairAgent, markUnreachable, markGone, failMaster, reregisterAgent, resubscribe, advance, repeat, expectOffers, expectOfferCounts, expectRunning, expectTaskStates, expectReconciled, expectShares, expectAllocation, expectAgents, expectInverseOffers, expectOversubscription";

    /// <summary>The most steps a repeat may run, nested repeats multiplied out.</summary>
    private const long MaxSteps = 10_000_000;

    private readonly HashSet<string> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Core.Resources.Resources> _agentTotals = new(StringComparer.Ordinal);
    private readonly HashSet<string> _frameworks = new(StringComparer.Ordinal);
    private readonly HashSet<string> _roles = new(StringComparer.Ordinal);

    /// <summary>Roles named by reservations and quota steps, checked once every declared role is known.</summary>
    private readonly List<(string Role, YamlNode At)> _roleUses = [];

    /// <summary>Tasks' usage fractions (accept tasks' usage:), by task id.</summary>
    private readonly Dictionary<string, double> _usage = new(StringComparer.Ordinal);

    public static Scenario ParseFile(string path) => Parse(path, File.ReadAllText(path));

    public static Scenario Parse(string file, string text) => new ScenarioParser().ParseDocument(YamlNode.Load(file, text));

    private Scenario ParseDocument(YamlNode root)
    {
        root.WithKeys("name", "allocation", "seed", "roles", "steps", "oversubscription");
        var name = root.String("name", "the scenario's name");
        var (allocation, policy) = AllocationSection.Read(root.Optional("allocation"));
        long seed = root.Optional("seed")?.Integer() ?? 1;
        var weights = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var quotas = new SortedDictionary<string, Quota>(StringComparer.Ordinal);
        if (root.Optional("roles") is { } roles)
        {
            foreach (var (role, spec) in roles.Entries())
            {
                if (RoleNames.Problem(role) is { } problem) throw spec.Error(problem);
                AddRole(role);
                spec.WithKeys("weight", "quota");
                if (spec.Optional("weight") is { } w)
                {
                    var weight = w.Number("a positive weight");
                    if (!(weight > 0)) throw w.Error($"expected a positive weight, found {weight}");
                    weights[role] = weight;
                }
                if (spec.Optional("quota") is { } q)
                {
                    if (RoleNames.Parent(role) != null)
                        throw q.Error("quota can be set on top-level roles only (as in Mesos's allocator)");
                    quotas[role] = QuotaSection.Read(q);
                }
            }
        }
        var steps = ParseSteps(root.Required("steps", "a list of steps"), "step ");
        foreach (var (role, at) in _roleUses)
            if (!_roles.Contains(role))
                throw at.Error($"unknown role '{role}': declare it under roles or give it a framework");
        return new Scenario(name, root.File, allocation, seed, weights, steps)
        {
            Quotas = quotas,
            Policy = policy,
            Oversubscription = OversubscriptionSection.Read(root.Optional("oversubscription")),
            TaskUsage = _usage,
        };
    }

    private List<ScenarioStep> ParseSteps(YamlNode list, string prefix)
    {
        var steps = new List<ScenarioStep>();
        var items = list.Items();
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var label = prefix + (i + 1);
            try
            {
                steps.Add(ParseStep(item, label));
            }
            catch (ConfigException e) when (!e.Problem.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw new ConfigException(e.File, e.Line, e.Column, e.Key, $"{label}: {e.Problem}");
            }
        }
        return steps;
    }

    private ScenarioStep ParseStep(YamlNode item, string label)
    {
        if (!item.IsMap || item.Keys.Count != 1)
            throw item.Error($"expected a step with exactly one key ({StepKeys})");
        var key = item.Keys[0];
        var body = item.Required(key, "the step's arguments");
        ScenarioStep step = key switch
        {
            "addAgent" => AddAgent(body),
            "addFramework" => AddFramework(body),
            "removeAgent" => new RemoveAgentStep(KnownAgent(body)),
            "removeFramework" => new RemoveFrameworkStep(KnownFramework(body)),
            "updateAgent" => UpdateAgent(body),
            "deactivateAgent" => new AgentStateStep(KnownAgent(body), AgentStateChange.Deactivate),
            "activateAgent" => new AgentStateStep(KnownAgent(body), AgentStateChange.Activate),
            "drainAgent" => body.IsScalar
                ? new AgentStateStep(KnownAgent(body), AgentStateChange.Drain)
                : Map(body, b => new AgentStateStep(KnownAgent(b.Required("agent", "an agent id")), AgentStateChange.Drain,
                    b.Optional("gracePeriod")?.Duration() ?? default), "agent, gracePeriod"),
            "scheduleMaintenance" => Map(body, b =>
            {
                var agent = KnownAgent(b.Required("agent", "an agent id"));
                var start = Core.Timing.Time.Zero + b.Required("start", "when the window starts, e.g. 1h").Duration();
                var duration = b.Optional("duration")?.Duration() ?? Core.Timing.Duration.Forever;
                return new ScheduleMaintenanceStep(agent, new Unavailability(start, duration));
            }, "agent, start, duration"),
            "cancelMaintenance" => new ScheduleMaintenanceStep(KnownAgent(body), null),
            "acceptInverseOffers" or "declineInverseOffers" => Map(body, b => new AnswerInverseOffersStep(
                KnownFramework(b.Required("framework", "a framework id")), KnownAgent(b.Required("agent", "an agent id")),
                accept: key == "acceptInverseOffers", Refuse(b)), "framework, agent, refuse"),
            "expectInverseOffers" => new ExpectInverseOffersStep(body.IsScalar && body.Text() == "" ? [] : body.Items().Select(i => Map(i, e =>
                (KnownFramework(e.Required("framework", "a framework id")), KnownAgent(e.Required("agent", "an agent id"))),
                "framework, agent")).ToArray()),
            "expectAgents" => new ExpectAgentsStep(body.Entries().Select(e =>
            {
                var state = e.Value.Text();
                if (!ExpectAgentsStep.States.Contains(state))
                    throw e.Value.Error($"expected an agent state ({string.Join(", ", ExpectAgentsStep.States)}), found '{state}'");
                return (KnownAgent(e.Key, e.Value), state);
            }).ToArray()),
            "failAgent" => new FailAgentStep(KnownAgent(body)),
            "repairAgent" => new RepairAgentStep(KnownAgent(body)),
            "markUnreachable" => new MarkAgentUnreachableStep(KnownAgent(body)),
            "markGone" => new MarkAgentGoneStep(KnownAgent(body)),
            "failMaster" => body.IsMap && body.WithKeys() != null ? new FailMasterStep() : throw body.Error("expected {}"),
            "reregisterAgent" => new ReregisterAgentStep(KnownAgent(body)),
            "resubscribe" => new ResubscribeStep(KnownFramework(body)),
            "accept" => Accept(body),
            "decline" => Map(body, b => new DeclineStep(KnownFramework(b.Required("framework", "a framework id")),
                KnownAgent(b.Required("agent", "an agent id")), Refuse(b), b.OptionalString("role")), "framework, agent, refuse, role"),
            "declineAll" => Map(body, b => new DeclineAllStep(KnownFramework(b.Required("framework", "a framework id")), Refuse(b)),
                "framework, refuse"),
            "suppress" => new SuppressStep(FrameworkAndRoles(body, out var suppressed), suppressed),
            "deactivateFramework" => new DeactivateFrameworkStep(KnownFramework(body)),
            "activateFramework" => new ActivateFrameworkStep(KnownFramework(body)),
            "updateFramework" => UpdateFramework(body),
            "revive" => new ReviveStep(FrameworkAndRoles(body, out var revived), revived),
            "setQuota" => SetQuota(body),
            "reserve" or "unreserve" => Map(body, b =>
            {
                var agentNode = b.Required("agent", "an agent id");
                var agent = KnownAgent(agentNode);
                var role = b.Required("role", "a role name");
                _roleUses.Add((role.Text(), role));
                var resourcesNode = b.Required("resources", "resources such as \"cpus:2;mem:1024\"");
                var resources = resourcesNode.Resources();
                if (resources.IsEmpty) throw resourcesNode.Error("expected some resources");
                if (!_agentTotals[agent].Contains(resources))
                    throw resourcesNode.Error($"{resources} is more than agent '{agent}' has ({_agentTotals[agent]})");
                return new ReserveStep(agent, role.Text(), resources, unreserve: key == "unreserve");
            }, "agent, role, resources"),
            "setWeight" => Map(body, b =>
            {
                var w = b.Required("weight", "a positive weight");
                var weight = w.Number("a positive weight");
                if (!(weight > 0)) throw w.Error($"expected a positive weight, found {weight}");
                return new SetWeightStep(b.String("role", "a role name"), weight);
            }, "role, weight"),
            "killTask" => Map(body, b => new KillTaskStep(KnownFramework(b.Required("framework", "a framework id")),
                b.String("task", "a task id")), "framework, task"),
            "acknowledge" => body.IsScalar
                ? new AcknowledgeStep(KnownFramework(body), null)
                : Map(body, b => new AcknowledgeStep(KnownFramework(b.Required("framework", "a framework id")),
                    b.Required("tasks", "a list of task ids").Items().Select(t => t.Text()).ToArray()), "framework, tasks"),
            "reconcile" => Map(body, b => new ReconcileStep(KnownFramework(b.Required("framework", "a framework id")),
                (b.Optional("tasks")?.Items() ?? []).Select(t => Map(t, e =>
                    (e.String("id", "a task id"), e.Optional("agent") is { } agent ? KnownAgent(agent) : null), "id, agent")).ToArray()),
                "framework, tasks"),
            "advance" => new AdvanceStep(body.Duration()),
            "repeat" => Map(body, b =>
            {
                var t = b.Required("times", "a repeat count");
                long times = t.Integer(0, 1_000_000, "repetitions");
                var inner = ParseSteps(b.Required("steps", "a list of steps"), label + ".");
                // Nested repeats multiply: 1000000 times 1000000 steps would never finish.
                double total = (double)times * inner.Sum(s => s is RepeatStep r ? r.Expanded : 1L);
                if (total > MaxSteps) throw t.Error($"repeats to {total:0} steps; expected at most {MaxSteps} in all");
                return new RepeatStep((int)times, inner);
            }, "times, steps"),
            "expectOffers" => new ExpectOffersStep(body.IsScalar && body.Text() == "" ? [] : body.Items().Select(ExpectedOffer).ToArray()),
            "expectOfferCounts" => new ExpectOfferCountsStep(Counts(body)),
            "expectRunning" => new ExpectRunningStep(Counts(body)),
            "expectTaskStates" => new ExpectTaskStatesStep(body.Entries().SelectMany(f => f.Value.Entries().Select(t =>
                (KnownFramework(f.Key, f.Value), t.Key, TaskStateNamed(t.Value)))).ToArray()),
            "expectReconciled" => new ExpectReconciledStep(body.Entries().SelectMany(f => f.Value.Entries().Select(t =>
                (KnownFramework(f.Key, f.Value), t.Key, t.Value.Text() == ExpectReconciledStep.NoAnswer ? null : (Core.Tasks.TaskState?)TaskStateNamed(t.Value)))).ToArray()),
            "expectOversubscription" => Map(body, b => new ExpectOversubscriptionStep(
                (b.Optional("revocable")?.Entries() ?? []).Select(e => (KnownAgent(e.Key, e.Value), e.Value.Resources())).ToArray(),
                b.Optional("evictions")?.Integer(0, long.MaxValue, "evictions")), "revocable, evictions"),
            "expectAllocation" => Map(body, b => new ExpectAllocationStep(
                b.Optional("frameworks")?.Entries().Select(e => (KnownFramework(e.Key, e.Value), e.Value.Resources())).ToArray() ?? [],
                b.Optional("consumption")?.Entries().Select(e => (e.Key, e.Value.Resources())).ToArray() ?? [],
                b.Optional("byRole")?.Entries().SelectMany(f => f.Value.Entries().Select(r =>
                    (KnownFramework(f.Key, f.Value), r.Key, r.Value.Resources()))).ToArray() ?? []),
                "frameworks, consumption, byRole"),
            "expectShares" => Map(body, b => new ExpectSharesStep(
                b.Optional("roles")?.Entries().Select(e => (e.Key, e.Value.Number("a share"))).ToArray() ?? [],
                b.Optional("frameworks")?.Entries().Select(e => (KnownFramework(e.Key, e.Value), e.Value.Number("a share"))).ToArray() ?? []),
                "roles, frameworks"),
            _ => throw item.Error($"unknown step '{key}'{NearestName.Suggestion(key, StepKeys.Split(", "))}; expected one of: {StepKeys}"),
        };
        return step.Place(key, label, item.Line);
    }

    /// <summary>Reads a map whose keys are <paramref name="keys"/> (declared first, so an unknown key is
    /// reported before a missing one).</summary>
    private static T Map<T>(YamlNode body, Func<YamlNode, T> read, string keys) =>
        read(body.WithKeys(keys.Split(", ")));

    private ScenarioStep SetQuota(YamlNode body)
    {
        var quota = QuotaSection.Read(body, "role");
        var role = body.Required("role", "a role name");
        if (RoleNames.Parent(role.Text()) != null)
            throw role.Error("quota can be set on top-level roles only (as in Mesos's allocator)");
        _roleUses.Add((role.Text(), role));
        return new SetQuotaStep(role.Text(), quota);
    }

    private ScenarioStep UpdateFramework(YamlNode body) => Map(body, b =>
    {
        var framework = KnownFramework(b.Required("framework", "a framework id"));
        var roles = Roles(b);
        var capabilities = b.Optional("capabilities") is { } caps
            ? new SortedSet<string>(caps.Items().Select(c => c.Text()), StringComparer.Ordinal)
            : null;
        if (b.Optional("suppressed") != null && b.Optional("suppressedRoles") != null)
            throw b.Required("suppressedRoles", "").Error("give suppressed or suppressedRoles, not both");
        return new UpdateFrameworkStep(framework, roles, capabilities, b.Optional("minAllocatable")?.MinAllocatable(),
            b.Optional("suppressedRoles")?.Items().Select(i => i.Text()).ToArray(), b.Optional("suppressed")?.Boolean());
    }, "framework, role, roles, capabilities, minAllocatable, suppressed, suppressedRoles");

    /// <summary><c>role: a</c> or <c>roles: [a, b]</c> (a MULTI_ROLE framework), each a valid role name; null
    /// when neither is given.</summary>
    private List<string>? Roles(YamlNode b)
    {
        var one = b.Optional("role");
        var many = b.Optional("roles");
        if (one != null && many != null) throw many.Error("give role or roles, not both");
        if (one == null && many == null) return null;
        var nodes = one != null ? [one] : many!.Items();
        if (nodes.Count == 0) throw many!.Error("expected at least one role");
        var roles = new List<string>();
        foreach (var node in nodes)
        {
            if (RoleNames.Problem(node.Text()) is { } problem) throw node.Error(problem);
            if (roles.Contains(node.Text())) throw node.Error($"role '{node.Text()}' is given twice");
            roles.Add(node.Text());
            AddRole(node.Text());
        }
        return roles;
    }

    /// <summary><c>fw1</c>, or <c>{ framework: fw1, roles: [a] }</c> for some of its roles.</summary>
    private string FrameworkAndRoles(YamlNode body, out IReadOnlyList<string> roles)
    {
        roles = [];
        if (body.IsScalar) return KnownFramework(body);
        body.WithKeys("framework", "roles");
        roles = body.Optional("roles")?.Items().Select(r => r.Text()).ToArray() ?? [];
        return KnownFramework(body.Required("framework", "a framework id"));
    }

    private ScenarioStep UpdateAgent(YamlNode body) => Map(body, b =>
    {
        var id = KnownAgent(b.Required("id", "an agent id"));
        var resources = b.Required("resources", "resources such as \"cpus:2;mem:1024\"").ResourceSet();
        var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (b.Optional("attributes") is { } attrs)
            foreach (var (k, v) in attrs.Entries()) attributes[k] = v.Text();
        foreach (var role in resources.Reserved.Keys) _roleUses.Add((role, b.Required("resources", "")));
        _agentTotals[id] = resources.Total;
        return new UpdateAgentStep(new AgentInfo(id, resources, attributes));
    }, "id, resources, attributes");

    private ScenarioStep AddAgent(YamlNode body) => Map(body, b =>
    {
        var idNode = b.Required("id", "an agent id");
        var id = idNode.Text();
        var resources = b.Required("resources", "resources such as \"cpus:2;mem:1024\"").ResourceSet();
        var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (b.Optional("attributes") is { } attrs)
            foreach (var (k, v) in attrs.Entries()) attributes[k] = v.Text();
        foreach (var role in resources.Reserved.Keys) _roleUses.Add((role, b.Required("resources", "")));
        _agents.Add(id);
        _agentTotals[id] = resources.Total;
        return new AddAgentStep(new AgentInfo(id, resources, attributes));
    }, "id, resources, attributes");

    private ScenarioStep AddFramework(YamlNode body) => Map(body, b =>
    {
        var id = b.String("id", "a framework id");
        var roles = Roles(b);
        if (roles == null)
        {
            roles = ["*"];
            AddRole("*");
        }
        var info = new FrameworkInfo(id, roles[0]).WithRoles(roles);
        if (b.Optional("capabilities") is { } caps)
            info = info with { Capabilities = new SortedSet<string>(caps.Items().Select(c => c.Text()), StringComparer.Ordinal) };
        if (b.Optional("minAllocatable") is { } min) info = info with { MinAllocatable = min.MinAllocatable() };
        AutoBehaviour? auto = null;
        if (b.Optional("auto") is { } a)
        {
            auto = Map(a, n =>
            {
                var task = n.Required("task", "a task size such as \"cpus:1;mem:512\"").Resources();
                if (task.IsEmpty) throw n.Error("the task asks for no resources");
                int? perOffer = null;
                if (n.Optional("perOffer") is { } p)
                {
                    long v = p.Integer("a task count per offer");
                    if (v < 1) throw p.Error($"expected at least 1 task per offer, found {v}");
                    perOffer = (int)Math.Min(v, int.MaxValue);
                }
                var duration = n.Optional("duration")?.Duration() ?? Core.Timing.Duration.Forever;
                return new AutoBehaviour(task, perOffer, duration, Refuse(n));
            }, "task, perOffer, duration, refuse");
        }
        _frameworks.Add(id);
        return new AddFrameworkStep(info, auto, b.Optional("implicitAcknowledgements")?.Boolean() ?? true);
    }, "id, role, roles, auto, capabilities, minAllocatable, implicitAcknowledgements");

    private ScenarioStep Accept(YamlNode body) => Map(body, b =>
    {
        var framework = KnownFramework(b.Required("framework", "a framework id"));
        var agent = KnownAgent(b.Required("agent", "an agent id"));
        var tasks = (b.Optional("tasks")?.Items() ?? []).Select(t => Map(t, n =>
        {
            var resources = n.Required("resources", "the task's resources").Resources();
            if (n.Optional("usage") is { } usage)
            {
                double u = usage.Number("a fraction of the task's resources");
                if (!(u >= 0 && u <= 1)) throw usage.Error($"expected a fraction of the task's resources within [0, 1], found '{usage.Text()}'");
                _usage[n.String("id", "a task id")] = u;
            }
            return new TaskSpec(new TaskId(n.String("id", "a task id")), resources,
                n.Optional("duration")?.Duration() ?? Core.Timing.Duration.Forever,
                n.Optional("fails")?.Boolean() ?? false)
            { UsesReserved = n.Optional("reserved")?.Boolean() };
        }, "id, resources, duration, fails, reserved, usage")).ToArray();
        var operations = new List<OfferOperation>();
        if (b.Optional("reserve") is { } reserve) operations.Add(OfferOperation.Reserve(reserve.Resources()));
        if (b.Optional("unreserve") is { } unreserve) operations.Add(OfferOperation.Unreserve(unreserve.Resources()));
        var role = b.Optional("revocable")?.Boolean() == true ? Core.Oversubscription.RevocableResources.Role : b.OptionalString("role");
        return new AcceptStep(framework, agent, tasks, Refuse(b), operations, role);
    }, "framework, agent, tasks, refuse, reserve, unreserve, role, revocable");

    private static OfferFilter Refuse(YamlNode body) =>
        body.Optional("refuse") is { } r ? new OfferFilter(r.Duration()) : OfferFilter.Default;

    private ExpectedOffer ExpectedOffer(YamlNode entry) => Map(entry, e => new ExpectedOffer(
        KnownFramework(e.Required("framework", "a framework id")),
        KnownAgent(e.Required("agent", "an agent id")),
        e.Optional("resources")?.Resources(),
        e.Optional("reserved")?.Resources())
    {
        Role = e.Optional("revocable") is { } r
            ? (r.Boolean() ? Core.Oversubscription.RevocableResources.Role : throw r.Error("expected true (leave it out for a regular offer)"))
            : e.OptionalString("role"),
    }, "framework, agent, resources, reserved, role, revocable");

    private static Core.Tasks.TaskState TaskStateNamed(YamlNode node)
    {
        var name = node.Text();
        foreach (var state in Enum.GetValues<Core.Tasks.TaskState>())
            if (Core.Tasks.TaskStates.Name(state) == name) return state;
        throw node.Error($"expected a task state ({string.Join(", ", Enum.GetValues<Core.Tasks.TaskState>().Select(Core.Tasks.TaskStates.Name))}), found '{name}'");
    }

    private List<(string, int)> Counts(YamlNode body) =>
        body.Entries().Select(e =>
        {
            long v = e.Value.Integer("a count");
            // Narrowing 4294967297 would expect 1.
            if (v < 0 || v > int.MaxValue) throw e.Value.Error($"expected a count from 0 to {int.MaxValue}, found {v}");
            return (KnownFramework(e.Key, e.Value), (int)v);
        }).ToList();

    /// <summary>A role is known with every role it is nested in: Mesos's role tree has them all (a reservation
    /// to <c>a</c> may be offered to a framework of <c>a/b</c>).</summary>
    private void AddRole(string role)
    {
        for (string? r = role; r != null; r = RoleNames.Parent(r)) _roles.Add(r);
    }

    private string KnownAgent(YamlNode node) => KnownAgent(node.Text(), node);

    private string KnownAgent(string id, YamlNode node)
    {
        if (!_agents.Contains(id)) throw node.Error($"unknown agent id '{id}' (no earlier addAgent step adds it)");
        return id;
    }

    private string KnownFramework(YamlNode node) => KnownFramework(node.Text(), node);

    private string KnownFramework(string id, YamlNode node)
    {
        if (!_frameworks.Contains(id)) throw node.Error($"unknown framework id '{id}' (no earlier addFramework step adds it)");
        return id;
    }
}
