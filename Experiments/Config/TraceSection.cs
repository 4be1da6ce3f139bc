using ClusterSim.Experiments.Model;
using ClusterSim.Workloads.Traces;
using ClusterSim.Workloads.Traces.Alibaba2018;
using ClusterSim.Workloads.Traces.Google2011;
using ClusterSim.Workloads.Traces.Swf;

namespace ClusterSim.Experiments.Config;

/// <summary>
/// Reads a trace source (a framework's <c>workload.trace</c> or the cluster's <c>fromTrace</c>):
/// <c>{ format, path, from, to, timeScale, sample: { fraction, seed }, machine, processor, processors,
/// machineMemory, openTasks, filter: { priority: [low, high] }, usage: { path, ratio } }</c>. A format's own
/// keys are errors on a trace of another format, where they would change nothing; <c>usage</c> (the trace's
/// usage table: google-2011 task_usage, alibaba-2018 batch_instance) is an error on the cluster's fromTrace.
/// </summary>
public static class TraceSection
{
    private static readonly (string Key, TraceFormat Format)[] FormatKeys =
    [
        ("machine", TraceFormat.Google2011), ("filter", TraceFormat.Google2011), ("openTasks", TraceFormat.Google2011),
        ("processor", TraceFormat.Swf), ("processors", TraceFormat.Swf), ("machineMemory", TraceFormat.Alibaba2018),
    ];

    /// <param name="workload">True for a framework's workload (usage allowed), false for the cluster's fromTrace.</param>
    public static TraceSource Read(YamlNode t, string baseDir, bool workload = true)
    {
        t.WithKeys("format", "path", "from", "to", "timeScale", "sample", "machine", "processor", "processors",
            "machineMemory", "openTasks", "filter", "usage");
        var formatNode = t.Required("format", "a trace format: " + string.Join(", ", TraceFormats.ValidNames));
        if (!TraceFormats.TryParse(formatNode.Text(), out var format))
            throw formatNode.Error(TraceFormats.Unknown(formatNode.Text()));
        var pathNode = t.Required("path", "the trace's file or folder");
        var path = ResolvePath(pathNode, baseDir);
        var options = TraceOptions.Default;
        if (t.Optional("from") is { } from) options = options with { From = from.Duration() };
        if (t.Optional("to") is { } to) options = options with { To = to.Duration() };
        if (t.Optional("timeScale") is { } ts) options = options with { TimeScale = ts.Number("a time-compression factor") };
        if (t.Optional("sample") is { } sample)
        {
            sample.WithKeys("fraction", "seed");
            options = options with
            {
                SampleFraction = sample.Required("fraction", "the fraction of jobs kept, in (0, 1]").Number(),
                Seed = sample.Optional("seed")?.Integer() ?? 0,
            };
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
        // Each format-specific value is checked here, by its reader's own rule, so that its error has a location.
        if (t.Optional("machine") is { } machine)
        {
            source = source with { Machine = machine.Resources() };
            Check(machine, () => new Google2011Options { MachineSize = source.Machine.Value }.Validated());
        }
        if (t.Optional("processor") is { } processor)
        {
            source = source with { ProcessorSize = processor.Resources() };
            Check(processor, () => new SwfOptions { ProcessorSize = source.ProcessorSize.Value }.Validated());
        }
        if (t.Optional("processors") is { } processors)
        {
            source = source with { Processors = processors.Integer("the cluster's size in processors") };
            Check(processors, () => new SwfOptions { Processors = source.Processors }.Validated());
        }
        if (t.Optional("machineMemory") is { } memory)
        {
            source = source with { MachineMemoryMb = memory.Number("memory in MB") };
            Check(memory, () => new Alibaba2018Options { MachineMemoryMb = source.MachineMemoryMb.Value }.Validated());
        }
        if (t.Optional("openTasks") is { } open)
        {
            source = source with
            {
                OpenTasks = open.Text() switch
                {
                    "clip" => OpenTaskRule.ClipToWindow,
                    "forever" => OpenTaskRule.RunForever,
                    "drop" => OpenTaskRule.Drop,
                    var other => throw open.Error($"expected clip, forever or drop, found '{other}'"),
                },
            };
        }
        if (t.Optional("filter") is { } filter)
        {
            filter.WithKeys("priority");
            if (filter.Optional("priority") is { } pr)
            {
                var range = pr.Items();
                if (range.Count != 2) throw pr.Error("expected [low, high], e.g. [0, 8]");
                // Compared as read: narrowing first would read 4294967296 as 0.
                long lo = range[0].Integer(), hi = range[1].Integer();
                if (lo < 0 || hi > 11 || hi < lo) throw pr.Error($"expected 0 <= low <= high <= 11, found [{lo}, {hi}]");
                source = source with { PriorityRange = ((int)lo, (int)hi) };
            }
        }
        if (t.Optional("usage") is { } usage)
        {
            if (!workload) throw usage.Error("applies to a framework's workload trace (each task's usage), not to the cluster's fromTrace");
            if (!TraceReaders.HasUsage(format))
                throw usage.Error($"applies to google-2011 (task_usage) and alibaba-2018 (batch_instance) traces only, not {TraceFormats.Name(format)}");
            source = source with { Usage = ReadUsage(usage, baseDir) };
        }
        foreach (var (key, owner) in FormatKeys)
            if (owner != format && t.Optional(key) is { } misplaced)
                throw misplaced.Error($"applies to {TraceFormats.Name(owner)} traces only, not {TraceFormats.Name(format)}");
        return source;
    }

    /// <summary><c>usage: { path: FILE-OR-FOLDER, ratio: cpu | mem | max }</c>: the trace's usage table, and which
    /// measured ratio becomes a task's usage fraction (cpu unless set).</summary>
    private static TraceUsageOptions ReadUsage(YamlNode node, string baseDir)
    {
        node.WithKeys("path", "ratio");
        var options = new TraceUsageOptions(ResolvePath(node.Required("path", "the usage table's file or folder"), baseDir));
        if (node.Optional("ratio") is { } ratio)
        {
            options = options with
            {
                Ratio = ratio.Text() switch
                {
                    "cpu" => UsageRatio.Cpu,
                    "mem" => UsageRatio.Mem,
                    "max" => UsageRatio.Max,
                    var other => throw ratio.Error($"expected cpu, mem or max (the larger of the two), found '{other}'"),
                },
            };
        }
        return options;
    }

    private static void Check(YamlNode node, Action validate)
    {
        try
        {
            validate();
        }
        catch (ArgumentException e)
        {
            throw node.Error(e.Message);
        }
    }

    /// <summary>A relative path is looked up from the working folder, then from the experiment file's folder.</summary>
    private static string ResolvePath(YamlNode node, string baseDir)
    {
        var text = node.Text();
        if (Path.IsPathRooted(text))
        {
            if (File.Exists(text) || Directory.Exists(text)) return text;
            throw node.Error($"no such file or folder '{text}'");
        }
        var fromCwd = Path.GetFullPath(text);
        if (File.Exists(fromCwd) || Directory.Exists(fromCwd)) return text;
        var fromFile = Path.GetFullPath(Path.Combine(baseDir, text));
        if (File.Exists(fromFile) || Directory.Exists(fromFile)) return fromFile;
        throw node.Error($"no such file or folder '{text}' (looked in {fromCwd} and {fromFile})");
    }
}
