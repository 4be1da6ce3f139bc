using ClusterSim.Allocators;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Model;
using ClusterSim.Workloads.Frameworks;
using ClusterSim.Workloads.Synthetic;

namespace ClusterSim.Experiments.Config;

/// <summary>
/// Checks the sections of one resolved variant against each other, before anything runs. Errors: a role no
/// one declared, a variant naming a role the base file does not have, work that fits no agent, a trace
/// window with nothing to replay before the horizon. Anything else suspicious becomes a warning, at the
/// line that wrote it.
/// </summary>
internal sealed class VariantChecks
{
    /// <summary>The default role of a framework that names none (Mesos's "*"), never declared.</summary>
    private const string DefaultRole = "*";

    private readonly YamlNode _doc;
    private readonly string _variant;
    private readonly Duration _horizon;
    private readonly ClusterSpec _cluster;
    private readonly IReadOnlyDictionary<string, RoleSpec> _roles;
    private readonly IReadOnlyList<FrameworkSpec> _frameworks;
    private readonly IReadOnlyList<string>? _baseRoles;
    private readonly List<ConfigWarning> _warnings = [];

    public VariantChecks(YamlNode doc, string variant, Duration horizon, ClusterSpec cluster,
        IReadOnlyDictionary<string, RoleSpec> roles, IReadOnlyList<FrameworkSpec> frameworks, IReadOnlyList<string>? baseRoles)
    {
        _doc = doc;
        _variant = variant;
        _horizon = horizon;
        _cluster = cluster;
        _roles = roles;
        _frameworks = frameworks;
        _baseRoles = baseRoles;
        // With a roles: section, it is the list of roles; without one, the frameworks' roles are.
        var known = new HashSet<string>(roles.Keys, StringComparer.Ordinal) { DefaultRole };
        if (baseRoles == null) known.UnionWith(frameworks.SelectMany(f => f.Settings.Roles));
        KnownRoles = known;
    }

    /// <summary>The roles reservations, partitions and events may name.</summary>
    public IReadOnlySet<string> KnownRoles { get; }

    public IReadOnlyList<ConfigWarning> Warnings => _warnings;

    /// <summary>
    /// When the base file has a roles: section, every framework's role must be declared in it (a typo in a
    /// role name would otherwise make a new role). A variant may only name roles of the base file, or roles
    /// its own frameworks have (an override of an unknown role would otherwise change nothing). Reservations
    /// and partitions name known roles; a declared role no framework has is a warning.
    /// </summary>
    public void Roles(YamlNode? variantRoles, YamlNode? allocationNode, AllocationPolicy allocation)
    {
        var declared = _roles.Keys.ToArray();
        if (_baseRoles != null)
        {
            var frameworks = Frameworks();
            for (int i = 0; i < _frameworks.Count; i++)
            {
                var roles = _frameworks[i].Settings.Roles;
                for (int j = 0; j < roles.Count; j++)
                {
                    var role = roles[j];
                    if (KnownRoles.Contains(role)) continue;
                    var at = frameworks[i].Optional("roles")?.Items()[j] ?? frameworks[i].Optional("role") ?? frameworks[i];
                    throw at.Error($"role '{role}' is not declared under roles{NearestName.Suggestion(role, declared)} (declared: {string.Join(", ", declared)})");
                }
            }
        }
        if (variantRoles != null)
        {
            var frameworkRoles = _frameworks.SelectMany(f => f.Settings.Roles).ToHashSet(StringComparer.Ordinal);
            foreach (var (role, value) in variantRoles.Entries())
            {
                if (_baseRoles?.Contains(role) == true || frameworkRoles.Contains(role)) continue;
                var candidates = (_baseRoles ?? []).Concat(frameworkRoles).Distinct().ToArray();
                throw value.Error($"variant '{_variant}' overrides role '{role}', which the base file does not declare and no framework has{NearestName.Suggestion(role, candidates)}");
            }
        }
        foreach (var group in _cluster.Groups)
            foreach (var role in group.Resources.Reserved.Keys)
                if (!KnownRoles.Contains(role))
                    throw _doc.Error($"cluster.agents: a reservation names unknown role '{role}'{NearestName.Suggestion(role, KnownRoles)}; declare it under roles or give it a framework");
        if (allocation.Partitions != null)
            foreach (var role in allocation.Partitions.Keys)
                if (!KnownRoles.Contains(role))
                    throw allocationNode!.Error($"partitions: unknown role '{role}'{NearestName.Suggestion(role, KnownRoles)}");
        var used = _frameworks.SelectMany(f => f.Settings.Roles).ToHashSet(StringComparer.Ordinal);
        if (_doc.Optional("roles") is { } rolesNode)
            foreach (var (role, value) in rolesNode.Entries())
                if (!used.Contains(role))
                    _warnings.Add(value.Warning($"role '{role}' is declared but no framework has it"));
    }

    /// <summary>An operator action at or after the horizon never happens.</summary>
    public void Events()
    {
        if (_doc.Optional("events") is not { } node) return;
        foreach (var item in node.Items())
        {
            var atNode = item.Optional("at");
            if (atNode != null && Time.Zero + atNode.Duration() >= Time.Zero + _horizon)
                _warnings.Add(atNode.Warning($"at {atNode.Text()}, not before the horizon ({_horizon}): this event never happens"));
        }
    }

    /// <summary>
    /// Work that can never start is an error for synthetic workloads and services (every task is the same
    /// size, so none would start), and for traces is left out of the replay and counted in a warning (see
    /// <see cref="JobFit"/>). Not checked when agents come from a trace (they are known only as it replays).
    /// Also: synthetic arrivals at or after the horizon, and a trace window with nothing to replay before it.
    /// Returns the frameworks, trace workloads told which jobs to leave out.
    /// </summary>
    public IReadOnlyList<FrameworkSpec> Fit(YamlNode frameworksNode, Dictionary<string, TraceScan> scans)
    {
        var nodes = frameworksNode.Items();
        var checkAgents = _cluster.FromTrace == null;
        var agents = new AgentFit(_cluster);
        var result = new List<FrameworkSpec>();
        for (int i = 0; i < _frameworks.Count; i++)
        {
            var spec = _frameworks[i];
            var node = nodes[i];
            // Work free to run in any of a MULTI_ROLE framework's roles needs to fit in one of them.
            var role = spec.Settings.Roles.Count == 1 || spec.Service == null ? spec.Settings.Role
                : spec.Settings.Roles.FirstOrDefault(r => agents.Fits(spec.Service.Instance, r)) ?? spec.Settings.Role;
            if (spec.Service is { } service && checkAgents && !agents.Fits(service.Instance, role))
                throw Child(node, "instance").Error(
                    $"an instance ({service.Instance}) fits no agent of the cluster (largest for role '{role}': {agents.Largest(role)})");
            if (spec.Workload is { } workload)
            {
                if (workload.Synthetic is { } synthetic && spec.Settings.Roles.Count > 1)
                    role = spec.Settings.Roles.FirstOrDefault(r => agents.Fits(synthetic.Task, r)) ?? role;
                spec = spec with { Workload = Fit(Child(node, "workload"), spec, workload, role, checkAgents ? agents : null, scans) };
            }
            if (spec.RoleWorkloads is { } pinned)
                spec = spec with
                {
                    RoleWorkloads = pinned.Select(w => (w.Role, Fit(Child(Child(node, "workloads"), w.Role), spec, w.Workload, w.Role,
                        checkAgents ? agents : null, scans))).ToArray(),
                };
            result.Add(spec);
        }
        return result;
    }

    /// <summary>One workload of a framework, run in <paramref name="role"/>; its trace told which jobs to leave out.</summary>
    private WorkloadSpec Fit(YamlNode node, FrameworkSpec spec, WorkloadSpec workload, string role, AgentFit? agents,
        Dictionary<string, TraceScan> scans)
    {
        if (workload.Synthetic is { } synthetic) Synthetic(Child(node, "synthetic"), spec, synthetic, role, agents);
        if (workload.Trace is not { } trace) return workload;
        var fit = agents != null ? new JobFit(agents, role, spec.Kind == FrameworkKind.Gang) : null;
        Trace(Child(node, "trace"), trace, fit, scans);
        return workload with { Trace = trace with { Fit = fit } };
    }

    private void Synthetic(YamlNode node, FrameworkSpec spec, SyntheticWorkload synthetic, string role, AgentFit? agents)
    {
        if (agents != null)
        {
            if (!agents.Fits(synthetic.Task, role))
                throw Child(node, "task").Error(
                    $"the task ({synthetic.Task}) fits no agent of the cluster (largest for role '{role}': {agents.Largest(role)}); none of its jobs could start");
            if (spec.Kind == FrameworkKind.Gang && synthetic.Jobs > 0)
            {
                // A gang starts all its tasks at once: it needs that many copies of the task free together.
                long holds = agents.Holds(synthetic.Task, role);
                int smallest = GangSize(DistributionSection.Lowest(synthetic.TasksPerJob));
                double largest = DistributionSection.Highest(synthetic.TasksPerJob);
                var at = node.Optional("tasksPerJob") ?? node;
                if (smallest > holds)
                    throw at.Error($"every gang has at least {smallest} tasks but the cluster holds at most {holds} of them at once; no gang could start");
                if (!double.IsInfinity(largest) && GangSize(largest) > holds)
                    _warnings.Add(at.Warning($"gangs of more than {holds} tasks (up to {GangSize(largest)} here) never start: the cluster holds at most {holds} of these tasks at once"));
            }
        }
        var arrival = node.Optional("arrival");
        var horizon = Time.Zero + _horizon;
        if (synthetic.Jobs > 0 && arrival != null)
        {
            if (synthetic.Arrival.Kind is ArrivalKind.At && synthetic.Arrival.From >= horizon)
                _warnings.Add(arrival.Warning($"every job arrives at {synthetic.Arrival.From}, not before the horizon ({_horizon}): none will run"));
            else if (synthetic.Arrival.Kind is ArrivalKind.Uniform && synthetic.Arrival.To > horizon)
                _warnings.Add(arrival.Warning($"arrivals spread until {synthetic.Arrival.To}, past the horizon ({_horizon}): the jobs arriving after it never run"));
        }
    }

    /// <summary>As the workload draws it: rounded, at least one task.</summary>
    private static int GangSize(double draw) => (int)Math.Max(1, Math.Min(int.MaxValue, Math.Round(draw)));

    private void Trace(YamlNode node, TraceSource trace, JobFit? fit, Dictionary<string, TraceScan> scans)
    {
        var key = $"{trace with { Fit = null }}|{fit?.Role}|{fit?.Gang}|{fit?.Agents}";
        if (!scans.TryGetValue(key, out var scan))
        {
            try
            {
                scans[key] = scan = TraceScan.Of(trace, fit);
            }
            catch (Exception e) when (e is FormatException or IOException or InvalidDataException)
            {
                // A trace that cannot be read fails here, before anything runs, rather than in the middle of a run.
                throw node.Error("the trace cannot be read: " + e.Message);
            }
        }
        var window = node.Optional("from") ?? node.Optional("to") ?? node;
        if (scan.Arrivals == 0)
            throw window.Error($"the trace window (from {trace.Options.From} to {trace.Options.To}) holds no jobs" +
                (scan.OutsideWindow > 0 ? $"; {scan.OutsideWindow} are outside it" : ""));
        if (scan.FirstArrival is { } first && first >= Time.Zero + _horizon)
            throw window.Error($"the first job of the trace window arrives at {first}, not before the horizon ({_horizon}); nothing would run");
        if (scan.TasksWithUsage is { } withUsage)
        {
            var usage = node.Optional("usage") ?? node;
            if (scan.TasksWithoutUsage > 0)
                _warnings.Add(usage.Warning($"{scan.TasksWithoutUsage} of {withUsage + scan.TasksWithoutUsage} tasks have no usage in the usage table " +
                    "(no rows, or a request of 0): they use the framework's usage: distribution (1.0 without one)"));
            if (scan.UsageFromTaskMean > 0)
                _warnings.Add(usage.Warning($"{scan.UsageFromTaskMean} of {withUsage} tasks have no usage row of their own attempt " +
                    "(none on its machine while it ran): they use their task's mean over all its rows"));
            if (scan.UsageClamped > 0)
                _warnings.Add(usage.Warning($"{scan.UsageClamped} of {withUsage} tasks used more than they requested: their usage is clamped to 1"));
        }
        if (scan.UnschedulableJobs > 0)
            _warnings.Add(node.Warning(
                $"{scan.UnschedulableJobs} of {scan.Arrivals} job arrivals ({scan.UnschedulableTasks} of {scan.Tasks} tasks) can never start on the cluster " +
                $"(a task larger than every agent{(fit!.Gang ? ", or a gang larger than the cluster" : "")}); they are left out of the replay"));
    }

    private IReadOnlyList<YamlNode> Frameworks() => _doc.Optional("frameworks")!.Items();

    private static YamlNode Child(YamlNode node, string key) => node.Optional(key) ?? node;
}
