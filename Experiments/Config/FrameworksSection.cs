using ClusterSim.Core.Cluster;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Model;
using ClusterSim.Workloads.Frameworks;

namespace ClusterSim.Experiments.Config;

/// <summary>
/// Reads <c>frameworks</c>: a non-empty list of uniquely named frameworks, each batch, gang or service, with
/// its scheduler settings and its workload (or, for a service, its load). A framework is in one <c>role</c> or,
/// MULTI_ROLE, in several <c>roles</c>; a batch or gang framework in several may pin work to roles (<c>workloads</c>).
/// </summary>
public static class FrameworksSection
{
    private static readonly string[] Keys =
    [
        "name", "role", "kind", "decisionTime", "refuse", "declineRefuse", "suppressWhenIdle", "maxTasksPerOffer",
        "maxRetries", "capabilities", "minAllocatable", "live", "holdTimeout", "backfill", "roles", "workload", "workloads", "usage", .. ServiceSection.Keys,
    ];

    public static IReadOnlyList<FrameworkSpec> Read(YamlNode node, OfferFilter defaultRefuse, string baseDir)
    {
        var frameworks = new List<FrameworkSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in node.Items())
        {
            var spec = ReadOne(f, defaultRefuse, baseDir);
            if (!names.Add(spec.Settings.Name)) throw f.Error($"framework '{spec.Settings.Name}' is named twice");
            frameworks.Add(spec);
        }
        if (frameworks.Count == 0) throw node.Error("expected at least one framework");
        return frameworks;
    }

    private static FrameworkSpec ReadOne(YamlNode f, OfferFilter defaultRefuse, string baseDir)
    {
        f.WithKeys(Keys);
        var name = f.String("name", "the framework's name");
        var roles = FrameworkRoles.Read(f);
        var role = roles[0];
        var kindNode = f.Optional("kind");
        var kind = (kindNode?.Text() ?? "batch") switch
        {
            "batch" => FrameworkKind.Batch,
            "gang" => FrameworkKind.Gang,
            "service" => FrameworkKind.Service,
            var other => throw kindNode!.Error($"unknown kind '{other}', expected batch, gang or service"),
        };
        var settings = new FrameworkSettings(name, role)
        {
            Refuse = f.Optional("refuse") is { } r ? new OfferFilter(r.Duration()) : defaultRefuse,
        };
        if (roles.Count > 1) settings = settings with { Roles = roles };
        if (f.Optional("decisionTime") is { } dt)
        {
            dt.WithKeys("perOffer", "perJob", "perTask");
            settings = settings with
            {
                DecisionTime = new DecisionTime(dt.Optional("perOffer")?.Duration() ?? Duration.Zero,
                    dt.Optional("perTask")?.Duration() ?? Duration.Zero, dt.Optional("perJob")?.Duration() ?? Duration.Zero),
            };
        }
        if (f.Optional("declineRefuse") is { } dr) settings = settings with { DeclineRefuse = new OfferFilter(dr.Duration()) };
        if (f.Optional("suppressWhenIdle") is { } sw) settings = settings with { SuppressWhenIdle = sw.Boolean() };
        if (f.Optional("maxTasksPerOffer") is { } max)
        {
            long m = max.Integer("a task count");
            if (m < 1) throw max.Error($"expected at least 1, found {m}");
            settings = settings with { MaxTasksPerOffer = (int)Math.Min(m, int.MaxValue) };
        }
        if (f.Optional("maxRetries") is { } retries)
        {
            long m = retries.Integer("a retry count");
            if (m < 0) throw retries.Error($"expected zero or more, found {m}");
            settings = settings with { MaxRetries = (int)Math.Min(m, int.MaxValue) };
        }
        if (f.Optional("capabilities") is { } caps)
            settings = settings with { Capabilities = new SortedSet<string>(caps.Items().Select(c => c.Text()), StringComparer.Ordinal) };
        if (f.Optional("minAllocatable") is { } min) settings = settings with { MinAllocatable = min.MinAllocatable() };
        if (f.Optional("live") is { } live)
        {
            live.WithKeys("image", "command", "network");
            var image = live.String("image", "a Docker image");
            var command = live.Optional("command")?.Items().Select(c => c.Text()).ToArray() ?? [];
            bool network = live.Optional("network")?.Boolean() ?? false;
            settings = settings with { Container = new ContainerSpec(image, command) { Network = network } };
        }

        var spec = new FrameworkSpec(kind, settings, null);
        if (f.Optional("usage") is { } usage) spec = spec with { Usage = OversubscriptionSection.ReadUsage(usage) };
        if (f.Optional("holdTimeout") is { } hold)
        {
            if (kind != FrameworkKind.Gang) throw hold.Error("holdTimeout applies to gang frameworks only");
            spec = spec with { HoldTimeout = hold.Duration() };
        }
        if (f.Optional("backfill") is { } backfill)
        {
            if (kind != FrameworkKind.Gang) throw backfill.Error("backfill applies to gang frameworks only");
            spec = spec with { Backfill = backfill.Boolean() };
        }
        if (kind == FrameworkKind.Service)
        {
            if (f.Optional("workload") is { } w) throw w.Error("a service has no workload; it is driven by its load");
            if (f.Optional("workloads") is { } ws)
                throw ws.Error("workloads (work per role) does not apply to a service: it has no workload to pin, its instances " +
                    "follow its load; in several roles (roles: [a, b]) its instances run on whichever role's offer comes first");
            spec = spec with { Service = ServiceSection.Read(f) };
        }
        else
        {
            foreach (var key in ServiceSection.Keys)
                if (f.Optional(key) is { } extra) throw extra.Error($"{key} applies to service frameworks only");
            if (f.OneOf("workload", "workloads") == "workloads")
                spec = spec with { RoleWorkloads = FrameworkRoles.Workloads(f.Required("workloads", "a workload per role"), roles, kind, baseDir) };
            else
                spec = spec with { Workload = WorkloadSection.Read(f.Required("workload", "a synthetic or trace workload"), baseDir) };
        }
        return spec;
    }
}
