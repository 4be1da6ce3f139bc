using ClusterSim.Core.Cluster;
using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Model;

namespace ClusterSim.Experiments.Config;

/// <summary>
/// Reads an experiment file and resolves every variant (the base file with the variant's keys laid over
/// it), validating each completely before anything runs: each top-level key has its section reader
/// (<see cref="ClusterSection"/>, <see cref="FrameworksSection"/>, ...), then <see cref="VariantChecks"/> checks
/// the sections against each other. Every error names the file, line, column and key.
/// </summary>
public static class ExperimentParser
{
    /// <summary>The top-level keys; a new section adds its key here and its reader in <see cref="ParseVariant"/>.</summary>
    private static readonly string[] TopKeys =
        ["name", "seed", "seeds", "runs", "horizon", "sample", "allocation", "cluster", "roles", "frameworks", "events", "variants", "checks", "live", "figures", "compare", "measure", "faults", "architecture", "oversubscription"];

    /// <summary>Keys every variant shares with the base: every variant runs the same seeds.</summary>
    private static readonly string[] SharedKeys = ["name", "variants", "seed", "seeds", "runs"];

    public static ExperimentFile ParseFile(string path)
    {
        if (!File.Exists(path)) throw new ConfigException(path, 0, 0, "", "no such file");
        return Parse(path, File.ReadAllText(path));
    }

    public static ExperimentFile Parse(string path, string text)
    {
        var root = YamlNode.Load(path, text).WithKeys(TopKeys);
        var name = root.String("name", "the experiment's name");
        var baseFile = new BaseFile(name, System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".",
            root.Optional("roles")?.Keys);
        var variants = new List<ExperimentSpec>();
        var variantNodes = root.Optional("variants")?.Items() ?? [];
        if (variantNodes.Count == 0)
        {
            variants.Add(ParseVariant(root.MergedWith(null, "variants", "compare"), baseFile, "base", null));
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
                    if (SharedKeys.Contains(key))
                        throw v.Error($"a variant cannot override '{key}': every variant runs the same seeds");
                if (overrides.Has("figures")) throw v.Error("a variant cannot override 'figures': the variants are drawn together, in figures of one size");
                if (overrides.Has("compare")) throw v.Error("a variant cannot override 'compare': one baseline serves the whole file");
                var merged = root.MergedWith(overrides, "variants", "compare");
                variants.Add(ParseVariant(merged, baseFile, variantName, overrides));
            }
        }
        // Every variant records faults when one has them, so all have the same columns (ExperimentSpec.RecordsFaults).
        bool faulty = variants.Any(v => !v.Faults.IsEmpty || v.Events.Any(e => e.Kind >= ClusterEventKind.FailAgent));
        if (faulty) variants = variants.Select(v => v with { RecordsFaults = true }).ToList();
        if (variants.Any(v => v.Architecture.Kind != Workloads.Architectures.ArchitectureKind.TwoLevel))
            variants = variants.Select(v => v with { SchedulerMetrics = true }).ToList();
        if (variants.Any(v => v.Oversubscription != null))
            variants = variants.Select(v => v with { OversubscriptionMetrics = true }).ToList();
        var baseline = CompareSection.ReadBaseline(root.Optional("compare"), variants.Select(v => v.Variant).ToArray());
        return new ExperimentFile(name, path, variants) { Figures = FiguresSection.Read(root.Optional("figures")), Baseline = baseline ?? (variants.Count > 0 ? variants[0].Variant : "") };
    }

    private static ExperimentSpec ParseVariant(YamlNode doc, BaseFile baseFile, string variant, YamlNode? overrides)
    {
        doc.WithKeys(TopKeys);
        var live = LiveSection.Read(doc.Optional("live"));
        var seeds = ReadSeeds(doc);
        var horizonNode = doc.Required("horizon", "how long to simulate at most, e.g. 6h");
        var horizon = horizonNode.Duration();
        if (horizon.Micros <= 0 || horizon.IsForever) throw horizonNode.Error("expected a positive, finite horizon such as 6h");
        var sampleNode = doc.Optional("sample");
        var sample = sampleNode?.Duration() ?? Duration.FromSeconds(10);
        if (sample.Micros <= 0 || sample.IsForever) throw sampleNode!.Error("expected a positive sampling interval such as 10s");

        var allocationNode = doc.Optional("allocation");
        var (allocation, policy) = AllocationSection.Read(allocationNode, "refuse");
        var defaultRefuse = allocationNode?.Optional("refuse") is { } refuse ? new OfferFilter(refuse.Duration()) : OfferFilter.Default;
        var cluster = ClusterSection.Read(doc.Required("cluster", "the cluster's agents"), baseFile.Folder);
        var roles = RolesSection.Read(doc.Optional("roles"));
        var frameworksNode = doc.Required("frameworks", "a list of frameworks");
        var frameworks = FrameworksSection.Read(frameworksNode, defaultRefuse, baseFile.Folder);

        var checks = new VariantChecks(doc, variant, horizon, cluster, roles, frameworks, baseFile.Roles);
        checks.Roles(overrides?.Optional("roles"), allocationNode, policy);
        var events = doc.Optional("events") is { } eventsNode ? EventsSection.Read(eventsNode, checks.KnownRoles, cluster,
            frameworks.Select(f => f.Settings.Name).ToArray()) : [];
        checks.Events();
        frameworks = checks.Fit(frameworksNode, baseFile.TraceScans);
        var architecture = ArchitectureSection.Read(doc.Optional("architecture"));
        ArchitectureSection.Check(doc, architecture, frameworks, events);
        var erlang = ChecksSection.Read(doc.Optional("checks"), frameworks, allocation.Interval);
        var mm1 = ChecksSection.ReadMm1(doc.Optional("checks"), frameworks);
        var mdOne = ChecksSection.ReadMdOne(doc.Optional("checks"), frameworks, architecture);
        var measure = MeasureSection.Read(doc.Optional("measure"), horizon);
        var faults = FaultsSection.Read(doc.Optional("faults"), cluster, frameworks);
        var oversubscription = OversubscriptionSection.Read(doc.Optional("oversubscription"));
        if (oversubscription != null && architecture.Kind != Workloads.Architectures.ArchitectureKind.TwoLevel)
            throw doc.Required("oversubscription", "").Error("revocable resources are offered: oversubscription needs the two-level architecture");

        return new ExperimentSpec(baseFile.Name, variant, seeds, horizon, sample, allocation, cluster, roles, frameworks)
        {
            Overrides = overrides == null || overrides.Keys.Count == 0 ? "" : overrides.ToYaml(),
            Policy = policy,
            ErlangC = erlang,
            Mm1 = mm1,
            MdOne = mdOne,
            Architecture = architecture,
            Measure = measure,
            Events = events,
            Faults = faults,
            Oversubscription = oversubscription,
            ResolvedYaml = doc.ToYaml(),
            Live = live,
            Warnings = checks.Warnings.Select(w => w.ToString()).ToArray(),
        };
    }

    private static IReadOnlyList<long> ReadSeeds(YamlNode doc)
    {
        long seed = doc.Optional("seed")?.Integer() ?? 1;
        if (doc.Optional("seeds") is { } seedList)
        {
            var seeds = seedList.Items().Select(s => s.Integer("a seed")).ToArray();
            if (seeds.Length == 0) throw seedList.Error("expected at least one seed");
            if (seeds.Distinct().Count() != seeds.Length) throw seedList.Error("a seed is listed twice");
            return seeds;
        }
        var runsNode = doc.Optional("runs");
        long runs = runsNode?.Integer(1, 10_000, "runs") ?? 1;
        return Enumerable.Range(0, (int)runs).Select(i => seed + i).ToArray();
    }

    /// <summary>
    /// What every variant shares: the experiment's name, the folder relative trace paths are also looked
    /// up in, the roles the base file declares (null when it has no roles: section), and the trace scans
    /// made so far (variants replaying the same trace on the same cluster read it once).
    /// </summary>
    private sealed record BaseFile(string Name, string Folder, IReadOnlyList<string>? Roles)
    {
        public Dictionary<string, TraceScan> TraceScans { get; } = new(StringComparer.Ordinal);
    }
}
