using System.Globalization;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Model;
using ClusterSim.Workloads.Frameworks;
using ClusterSim.Workloads.Synthetic;
using ClusterSim.Workloads.Traces;

namespace ClusterSim.Experiments.Config;

/// <summary>
/// Reads an experiment file and resolves every variant (the base file with the variant's keys laid over
/// it), validating each completely before anything runs. Every error names the file, line, column and key.
/// </summary>
public static class ExperimentParser
{
    private const string TopKeys = "name, seed, seeds, runs, horizon, sample, allocation, cluster, roles, frameworks, events, variants, checks, live, compare";

    public static ExperimentFile ParseFile(string path)
    {
        if (!File.Exists(path)) throw new ConfigException(path, 0, 0, "", "no such file");
        return Parse(path, File.ReadAllText(path));
    }

    public static ExperimentFile Parse(string path, string text)
    {
        var root = YamlNode.Load(path, text);
        var name = root.String("name", "the experiment's name");
        var baseDir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".";
        var variants = new List<ExperimentSpec>();
        var variantNodes = root.Optional("variants")?.Items() ?? [];
        if (variantNodes.Count == 0)
        {
            variants.Add(ParseVariant(root.MergedWith(null, "variants", "compare"), name, "base", "", baseDir));
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var v in variantNodes)
            {
                var variantName = v.String("name", "the variant's name");
                if (!seen.Add(variantName)) throw v.Error($"variant '{variantName}' is named twice");
                if (variantName.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0 || variantName is "." or "..")
                    throw v.Error($"variant name '{variantName}' cannot be a folder name");
                var overrides = v.MergedWith(null, "name");
                foreach (var key in overrides.Keys)
                    if (key is "compare") throw v.Error("a variant cannot override 'compare': one baseline serves the whole file");
                    else if (key is "name" or "variants" or "seed" or "seeds" or "runs")
                        throw v.Error($"a variant cannot override '{key}': every variant runs the same seeds");
                var merged = root.MergedWith(overrides, "variants", "compare");
                variants.Add(ParseVariant(merged, name, variantName, overrides.Keys.Count == 0 ? "" : overrides.ToYaml(), baseDir));
            }
        }
        // Unknown top-level keys are reported against the base file.
        foreach (var key in TopKeys.Split(", ")) root.Optional(key);
        var baseline = CompareSection.ReadBaseline(root.Optional("compare"), variants.Select(v => v.Variant).ToArray());
        root.RejectUnknownKeys(TopKeys);
        return new ExperimentFile(name, path, variants) { Baseline = baseline ?? variants[0].Variant };
    }

    private static ExperimentSpec ParseVariant(YamlNode doc, string name, string variant, string overrides, string baseDir)
    {
        doc.Optional("name");
        var live = LiveSection.Read(doc.Optional("live"));
        long seed = doc.Optional("seed")?.Integer() ?? 1;
        IReadOnlyList<long> seeds;
        if (doc.Optional("seeds") is { } seedList)
        {
            seeds = seedList.Items().Select(s => s.Integer("a seed")).ToArray();
            if (seeds.Count == 0) throw seedList.Error("expected at least one seed");
            if (seeds.Distinct().Count() != seeds.Count) throw seedList.Error("a seed is listed twice");
        }
        else
        {
            var runsNode = doc.Optional("runs");
            long runs = runsNode?.Integer("a number of runs") ?? 1;
            if (runs < 1 || runs > 10_000) throw runsNode!.Error($"expected 1 to 10000 runs, found {runs}");
            seeds = Enumerable.Range(0, (int)runs).Select(i => seed + i).ToArray();
        }
        var horizonNode = doc.Required("horizon", "how long to simulate at most, e.g. 6h");
        var horizon = horizonNode.Duration();
        if (horizon.Micros <= 0 || horizon.IsForever) throw horizonNode.Error("expected a positive, finite horizon such as 6h");
        var sampleNode = doc.Optional("sample");
        var sample = sampleNode?.Duration() ?? Duration.FromSeconds(10);
        if (sample.Micros <= 0 || sample.IsForever) throw sampleNode!.Error("expected a positive sampling interval such as 10s");

        var allocationNode = doc.Optional("allocation");
        var defaultRefuse = OfferFilter.Default;
        if (allocationNode?.Optional("refuse") is { } refuse) defaultRefuse = new OfferFilter(refuse.Duration());
        var allocation = AllocationSection.Read(allocationNode, null, ", refuse");

        var cluster = ParseCluster(doc.Required("cluster", "the cluster's agents"), baseDir);
        var roles = new SortedDictionary<string, RoleSpec>(StringComparer.Ordinal);
        if (doc.Optional("roles") is { } rolesNode)
            foreach (var (role, spec) in rolesNode.Entries())
            {
                double weight = 1;
                if (spec.Optional("weight") is { } w)
                {
                    weight = w.Number("a positive weight");
                    if (!(weight > 0)) throw w.Error($"expected a positive weight, found {weight}");
                }
                var quota = spec.Optional("quota") is { } q ? QuotaSection.Read(q) : Core.Allocation.Quota.None;
                spec.RejectUnknownKeys("weight, quota");
                roles[role] = new RoleSpec(weight) { Quota = quota };
            }

        var frameworksNode = doc.Required("frameworks", "a list of frameworks");
        var frameworks = new List<FrameworkSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in frameworksNode.Items())
        {
            var spec = ParseFramework(f, defaultRefuse, baseDir);
            if (!names.Add(spec.Settings.Name)) throw f.Error($"framework '{spec.Settings.Name}' is named twice");
            frameworks.Add(spec);
        }
        if (frameworks.Count == 0) throw frameworksNode.Error("expected at least one framework");

        var knownRoles = new HashSet<string>(roles.Keys.Concat(frameworks.Select(f => f.Settings.Role)), StringComparer.Ordinal);
        foreach (var group in cluster.Groups)
            foreach (var role in group.Resources.Reserved.Keys)
                if (!knownRoles.Contains(role))
                    throw doc.Error($"cluster.agents: a reservation names unknown role '{role}'; declare it under roles or give it a framework");
        if (allocation.Partitions != null)
            foreach (var role in allocation.Partitions.Keys)
                if (!knownRoles.Contains(role)) throw allocationNode!.Error($"partitions: unknown role '{role}'");
        var events = doc.Optional("events") is { } eventsNode ? ParseEvents(eventsNode, knownRoles, cluster) : [];

        ErlangCCheck? erlang = null;
        if (doc.Optional("checks") is { } checks)
        {
            if (checks.Optional("erlangC") is { } e)
            {
                var fw = e.Required("framework", "the framework whose waits are checked");
                if (!names.Contains(fw.Text())) throw fw.Error($"unknown framework '{fw.Text()}'");
                var allowance = e.Optional("allowance")?.Duration() ?? allocation.Interval;
                erlang = new ErlangCCheck(fw.Text(), allowance.Seconds);
                e.RejectUnknownKeys("framework, allowance");
            }
            checks.RejectUnknownKeys("erlangC");
        }
        doc.RejectUnknownKeys(TopKeys);

        return new ExperimentSpec(name, variant, seeds, horizon, sample, allocation, cluster, roles, frameworks)
        {
            Overrides = overrides,
            ErlangC = erlang,
            Events = events,
            ResolvedYaml = doc.ToYaml(),
            Live = live,
        };
    }

    private static IReadOnlyList<ClusterEvent> ParseEvents(YamlNode node, HashSet<string> roles, ClusterSpec cluster)
    {
        var events = new List<ClusterEvent>();
        var agents = new Dictionary<string, Core.Resources.Resources>(StringComparer.Ordinal);
        foreach (var group in cluster.Groups)
            for (int i = 0; i < group.Count && agents.Count < 1_000_000; i++) agents[group.NamePrefix + i] = group.Resources.Total;
        foreach (var e in node.Items())
        {
            var at = Time.Zero + e.Required("at", "when, e.g. 1h").Duration();
            string Role(YamlNode b)
            {
                var r = b.Required("role", "a role name");
                if (!roles.Contains(r.Text())) throw r.Error($"unknown role '{r.Text()}'; declare it under roles or give it a framework");
                return r.Text();
            }
            ClusterEvent ev;
            if (e.Optional("setQuota") is { } q)
            {
                var role = Role(q);
                ev = new ClusterEvent(at, ClusterEventKind.SetQuota, role) { Quota = QuotaSection.Read(q) };
            }
            else if (e.Optional("setWeight") is { } w)
            {
                var role = Role(w);
                var weightNode = w.Required("weight", "a positive weight");
                var weight = weightNode.Number("a positive weight");
                if (!(weight > 0)) throw weightNode.Error($"expected a positive weight, found {weight}");
                w.RejectUnknownKeys("role, weight");
                ev = new ClusterEvent(at, ClusterEventKind.SetWeight, role) { Weight = weight };
            }
            else if ((e.Optional("reserve") ?? e.Optional("unreserve")) is { } r)
            {
                var kind = e.Has("reserve") ? ClusterEventKind.Reserve : ClusterEventKind.Unreserve;
                var role = Role(r);
                var agentNode = r.Required("agent", "an agent name, e.g. agent-0-3");
                if (!agents.TryGetValue(agentNode.Text(), out var total))
                    throw agentNode.Error($"unknown agent '{agentNode.Text()}' (agents are named <name prefix><index>, e.g. agent-0-0)");
                var resNode = r.Required("resources", "resources such as \"cpus:2;mem:1024\"");
                var resources = resNode.Resources();
                if (resources.IsEmpty) throw resNode.Error("expected some resources");
                if (!total.Contains(resources)) throw resNode.Error($"{resources} is more than agent '{agentNode.Text()}' has ({total})");
                r.RejectUnknownKeys("role, agent, resources");
                ev = new ClusterEvent(at, kind, role) { Agent = agentNode.Text(), Resources = resources };
            }
            else throw e.Error("expected setQuota, setWeight, reserve or unreserve");
            e.RejectUnknownKeys("at, setQuota, setWeight, reserve, unreserve");
            events.Add(ev);
        }
        return events.OrderBy(x => x.At).ToArray();
    }

    private static ClusterSpec ParseCluster(YamlNode node, string baseDir)
    {
        var groups = new List<AgentGroup>();
        if (node.Optional("agents") is { } agents)
        {
            int index = 0;
            foreach (var a in agents.Items())
            {
                var countNode = a.Optional("count");
                long count = countNode?.Integer("an agent count") ?? 1;
                if (count < 1 || count > 10_000_000) throw countNode!.Error($"expected 1 to 10000000 agents, found {count}");
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
                a.RejectUnknownKeys("count, resources, attributes, name");
                groups.Add(new AgentGroup((int)count, resources, attributes, prefix));
                index++;
            }
        }
        TraceSource? fromTrace = null;
        if (node.Optional("fromTrace") is { } t) fromTrace = ParseTrace(t, baseDir);
        node.RejectUnknownKeys("agents, fromTrace");
        if (groups.Count == 0 && fromTrace == null) throw node.Error("expected agents or fromTrace");
        return new ClusterSpec(groups, fromTrace);
    }

    private static FrameworkSpec ParseFramework(YamlNode f, OfferFilter defaultRefuse, string baseDir)
    {
        var name = f.String("name", "the framework's name");
        var role = f.OptionalString("role") ?? "*";
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
        if (f.Optional("decisionTime") is { } dt)
        {
            settings = settings with
            {
                DecisionTime = new DecisionTime(dt.Optional("perOffer")?.Duration() ?? Duration.Zero,
                    dt.Optional("perTask")?.Duration() ?? Duration.Zero),
            };
            dt.RejectUnknownKeys("perOffer, perTask");
        }
        if (f.Optional("declineRefuse") is { } dr) settings = settings with { DeclineRefuse = new OfferFilter(dr.Duration()) };
        if (f.Optional("suppressWhenIdle") is { } sw) settings = settings with { SuppressWhenIdle = sw.Boolean() };
        if (f.Optional("maxTasksPerOffer") is { } max)
        {
            long m = max.Integer("a task count");
            if (m < 1) throw max.Error($"expected at least 1, found {m}");
            settings = settings with { MaxTasksPerOffer = (int)m };
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
            var image = live.String("image", "a Docker image");
            var command = live.Optional("command")?.Items().Select(c => c.Text()).ToArray() ?? [];
            bool network = live.Optional("network")?.Boolean() ?? false;
            live.RejectUnknownKeys("image, command, network");
            settings = settings with { Container = new ContainerSpec(image, command) { Network = network } };
        }

        var spec = new FrameworkSpec(kind, settings, null);
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
            spec = spec with { Service = ParseService(f) };
            if (f.Optional("workload") is { } w) throw w.Error("a service has no workload; it is driven by its load");
        }
        else
        {
            spec = spec with { Workload = ParseWorkload(f.Required("workload", "a synthetic or trace workload"), baseDir) };
        }
        f.RejectUnknownKeys("name, role, kind, decisionTime, refuse, declineRefuse, suppressWhenIdle, maxTasksPerOffer, maxRetries, capabilities, minAllocatable, live, holdTimeout, backfill, workload, instance, instances, autoscale, load");
        return spec;
    }

    private static ServiceSettings ParseService(YamlNode f)
    {
        var instance = f.Required("instance", "the instance size, e.g. \"cpus:2;mem:4096\"").Resources();
        if (instance.IsEmpty) throw f.Error("the instance asks for no resources");
        var counts = f.Required("instances", "{ min, max, initial }");
        int Count(string key, int fallback)
        {
            var n = counts.Optional(key);
            if (n == null) return fallback;
            long v = n.Integer("an instance count");
            if (v < 0 || v > 1_000_000) throw n.Error($"expected 0 to 1000000, found {v}");
            return (int)v;
        }
        int min = Count("min", 1), max = Count("max", Math.Max(min, 1)), initial = Count("initial", min);
        counts.RejectUnknownKeys("min, max, initial");
        if (max < min) throw counts.Error($"max ({max}) is below min ({min})");
        double target = 0.6;
        var every = Duration.FromMinutes(1);
        if (f.Optional("autoscale") is { } a)
        {
            if (a.Optional("target") is { } t)
            {
                target = t.Number("a utilisation between 0 and 1");
                if (!(target > 0 && target <= 1)) throw t.Error($"expected a utilisation in (0, 1], found {target}");
            }
            if (a.Optional("every") is { } e)
            {
                every = e.Duration();
                if (every.Micros <= 0 || every.IsForever) throw e.Error("expected a positive interval");
            }
            a.RejectUnknownKeys("target, every");
        }
        var loadNode = f.Required("load", "{ diurnal: { mean, amplitude, period } } or { constant: N }");
        LoadCurve load;
        if (loadNode.Optional("diurnal") is { } d)
        {
            var period = d.Required("period", "a period such as 24h").Duration();
            if (period.Micros <= 0 || period.IsForever) throw d.Error("expected a positive period");
            load = new LoadCurve(d.Required("mean", "the mean load").Number(), d.Optional("amplitude")?.Number() ?? 0, period);
            d.RejectUnknownKeys("mean, amplitude, period");
        }
        else if (loadNode.Optional("constant") is { } c) load = LoadCurve.Constant(c.Number("a load in instance-units"));
        else throw loadNode.Error("expected diurnal or constant");
        loadNode.RejectUnknownKeys("diurnal, constant");
        return new ServiceSettings(instance, min, max, initial, target, every, load);
    }

    private static WorkloadSpec ParseWorkload(YamlNode w, string baseDir)
    {
        WorkloadSpec spec;
        if (w.Has("synthetic") && w.Has("trace")) throw w.Error("expected either synthetic or trace, not both");
        if (w.Optional("synthetic") is { } s) spec = new WorkloadSpec(ParseSynthetic(s), null);
        else if (w.Optional("trace") is { } t) spec = new WorkloadSpec(null, ParseTrace(t, baseDir));
        else throw w.Error("expected synthetic or trace");
        w.RejectUnknownKeys("synthetic, trace");
        return spec;
    }

    private static SyntheticWorkload ParseSynthetic(YamlNode s)
    {
        var jobsNode = s.Required("jobs", "a number of jobs");
        long jobs = jobsNode.Integer("a number of jobs");
        if (jobs < 0 || jobs > 100_000_000) throw jobsNode.Error($"expected 0 to 100000000 jobs, found {jobs}");
        var arrival = ParseArrival(s.Required("arrival", "an arrival process: poisson, uniform, at or every"));
        var tasksPerJob = s.Optional("tasksPerJob") is { } tpj ? ParseDistribution(tpj, CountValue) : Distribution.Constant(1);
        var duration = ParseDistribution(s.Required("taskDuration", "a distribution of task durations"), SecondsValue);
        var task = s.Required("task", "the task size, e.g. \"cpus:1;mem:2048\"").Resources();
        if (task.IsEmpty) throw s.Error("the task asks for no resources");
        s.RejectUnknownKeys("jobs, arrival, tasksPerJob, taskDuration, task");
        return new SyntheticWorkload((int)jobs, arrival, tasksPerJob, duration, task);
    }

    private static Arrival ParseArrival(YamlNode a)
    {
        Arrival result;
        if (a.Optional("poisson") is { } p)
        {
            var rateNode = p.Required("rate", "a rate such as 2/m or 1/10m");
            result = new Arrival(ArrivalKind.Poisson) { RatePerSecond = ParseRate(rateNode) };
            p.RejectUnknownKeys("rate");
        }
        else if (a.Optional("uniform") is { } u)
        {
            var bounds = u.Items();
            if (bounds.Count != 2) throw u.Error("expected [from, to], e.g. [0s, 1h]");
            var from = bounds[0].Duration();
            var to = bounds[1].Duration();
            if (to <= from || to.IsForever) throw u.Error("expected a finite 'to' after 'from'");
            result = new Arrival(ArrivalKind.Uniform) { From = Time.Zero + from, To = Time.Zero + to };
        }
        else if (a.Optional("at") is { } at) result = new Arrival(ArrivalKind.At) { From = Time.Zero + at.Duration() };
        else if (a.Optional("every") is { } every)
        {
            var interval = every.Duration();
            if (interval.Micros <= 0 || interval.IsForever) throw every.Error("expected a positive interval");
            result = new Arrival(ArrivalKind.Every) { Interval = interval };
        }
        else throw a.Error("expected poisson, uniform, at or every");
        a.RejectUnknownKeys("poisson, uniform, at, every");
        return result;
    }

    /// <summary>Reads "2/m", "0.39/m", "1/10m" or "5/s" as arrivals per second.</summary>
    private static double ParseRate(YamlNode node)
    {
        var text = node.Text();
        int slash = text.IndexOf('/');
        if (slash < 0) throw node.Error($"expected a rate such as 2/m or 1/10m, found '{text}'");
        if (!double.TryParse(text[..slash], NumberStyles.Float, CultureInfo.InvariantCulture, out var count) || !(count > 0) || double.IsInfinity(count))
            throw node.Error($"expected a positive count before '/', found '{text}'");
        var per = text[(slash + 1)..].Trim();
        if (per.Length > 0 && char.IsLetter(per[0])) per = "1" + per;
        if (!Duration.TryParse(per, out var d, out var error) || d.Micros <= 0 || d.IsForever)
            throw node.Error($"in rate '{text}': {(error.Length > 0 ? error : "expected a positive duration after '/'")}");
        return count / d.Seconds;
    }

    private static double CountValue(YamlNode n) => n.Number("a number");

    private static double SecondsValue(YamlNode n) => n.Text() == "forever" ? double.PositiveInfinity : n.Duration().Seconds;

    private static Distribution ParseDistribution(YamlNode d, Func<YamlNode, double> value)
    {
        Distribution? result = null;
        void Set(Distribution x, YamlNode at)
        {
            if (result != null) throw at.Error("expected one distribution");
            result = x;
        }
        double Positive(YamlNode n)
        {
            var v = value(n);
            if (!(v > 0)) throw n.Error($"expected a positive value, found '{n.Text()}'");
            return v;
        }
        if (d.Optional("constant") is { } c) Set(new Distribution(DistributionKind.Constant, value(c)), c);
        if (d.Optional("uniform") is { } u)
        {
            var b = u.Items();
            if (b.Count != 2) throw u.Error("expected [low, high]");
            double lo = value(b[0]), hi = value(b[1]);
            if (!(hi >= lo)) throw u.Error("expected high >= low");
            Set(new Distribution(DistributionKind.Uniform, lo, hi), u);
        }
        if (d.Optional("exponential") is { } e)
        {
            Set(new Distribution(DistributionKind.Exponential, Positive(e.Required("mean", "the mean"))), e);
            e.RejectUnknownKeys("mean");
        }
        if (d.Optional("lognormal") is { } l)
        {
            var sigma = l.Required("sigma", "the log-scale standard deviation").Number();
            if (!(sigma >= 0)) throw l.Error("expected sigma >= 0");
            Set(new Distribution(DistributionKind.LogNormal, Positive(l.Required("median", "the median")), sigma), l);
            l.RejectUnknownKeys("median, sigma");
        }
        if (d.Optional("pareto") is { } p)
        {
            var shape = p.Required("shape", "the shape (alpha)").Number();
            if (!(shape > 0)) throw p.Error("expected shape > 0");
            Set(new Distribution(DistributionKind.Pareto, Positive(p.Required("scale", "the scale (minimum value)")), shape), p);
            p.RejectUnknownKeys("scale, shape");
        }
        if (d.Optional("normal") is { } n)
        {
            var sd = value(n.Required("sd", "the standard deviation"));
            if (!(sd >= 0)) throw n.Error("expected sd >= 0");
            Set(new Distribution(DistributionKind.Normal, value(n.Required("mean", "the mean")), sd) { Min = 0 }, n);
            n.RejectUnknownKeys("mean, sd");
        }
        if (d.Optional("weibull") is { } wb)
        {
            var shape = wb.Required("shape", "the shape").Number();
            if (!(shape > 0)) throw wb.Error("expected shape > 0");
            Set(new Distribution(DistributionKind.Weibull, shape, Positive(wb.Required("scale", "the scale"))), wb);
            wb.RejectUnknownKeys("shape, scale");
        }
        if (result == null) throw d.Error("expected one of constant, uniform, exponential, lognormal, pareto, normal, weibull");
        if (d.Optional("min") is { } mn) result = result with { Min = value(mn) };
        if (d.Optional("max") is { } mx) result = result with { Max = value(mx) };
        d.RejectUnknownKeys("constant, uniform, exponential, lognormal, pareto, normal, weibull, min, max");
        return result;
    }

    private static TraceSource ParseTrace(YamlNode t, string baseDir)
    {
        var formatNode = t.Required("format", "a trace format: " + string.Join(", ", TraceFormats.ValidNames));
        if (!TraceFormats.TryParse(formatNode.Text(), out var format))
            throw formatNode.Error($"unknown trace format '{formatNode.Text()}', expected one of: {string.Join(", ", TraceFormats.ValidNames)}");
        var pathNode = t.Required("path", "the trace's file or folder");
        var path = ResolvePath(pathNode, baseDir);
        var options = TraceOptions.Default;
        if (t.Optional("from") is { } from) options = options with { From = from.Duration() };
        if (t.Optional("to") is { } to) options = options with { To = to.Duration() };
        if (t.Optional("timeScale") is { } ts) options = options with { TimeScale = ts.Number("a time-compression factor") };
        if (t.Optional("sample") is { } sample)
        {
            options = options with
            {
                SampleFraction = sample.Required("fraction", "the fraction of jobs kept, in (0, 1]").Number(),
                Seed = sample.Optional("seed")?.Integer() ?? 0,
            };
            sample.RejectUnknownKeys("fraction, seed");
        }
        try
        {
            options = options.Validated();
        }
        catch (ArgumentException e)
        {
            throw t.Error(e.Message);
        }
        var source = new TraceSource(format, path, options);
        if (t.Optional("machine") is { } machine) source = source with { Machine = machine.Resources() };
        if (t.Optional("processor") is { } processor) source = source with { ProcessorSize = processor.Resources() };
        if (t.Optional("machineMemory") is { } memory) source = source with { MachineMemoryMb = memory.Number("memory in MB") };
        if (t.Optional("openTasks") is { } open)
        {
            if (open.Text() is not ("clip" or "forever" or "drop"))
                throw open.Error($"expected clip, forever or drop, found '{open.Text()}'");
            source = source with { OpenTasks = open.Text() };
        }
        if (t.Optional("filter") is { } filter)
        {
            if (filter.Optional("priority") is { } pr)
            {
                var range = pr.Items();
                if (range.Count != 2) throw pr.Error("expected [low, high], e.g. [0, 8]");
                int lo = (int)range[0].Integer(), hi = (int)range[1].Integer();
                if (lo < 0 || hi > 11 || hi < lo) throw pr.Error($"expected 0 <= low <= high <= 11, found [{lo}, {hi}]");
                source = source with { PriorityRange = (lo, hi) };
            }
            filter.RejectUnknownKeys("priority");
        }
        t.RejectUnknownKeys("format, path, from, to, timeScale, sample, machine, processor, machineMemory, openTasks, filter");
        return source;
    }

    /// <summary>A relative path is looked up from the working folder, then from the experiment file's folder.</summary>
    private static string ResolvePath(YamlNode node, string baseDir)
    {
        var text = node.Text();
        if (System.IO.Path.IsPathRooted(text))
        {
            if (File.Exists(text) || Directory.Exists(text)) return text;
            throw node.Error($"no such file or folder '{text}'");
        }
        var fromCwd = System.IO.Path.GetFullPath(text);
        if (File.Exists(fromCwd) || Directory.Exists(fromCwd)) return text;
        var fromFile = System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDir, text));
        if (File.Exists(fromFile) || Directory.Exists(fromFile)) return fromFile;
        throw node.Error($"no such file or folder '{text}' (looked in {fromCwd} and {fromFile})");
    }
}
