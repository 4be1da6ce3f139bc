using ClusterSim.Experiments.Model;
using ClusterSim.Workloads.Traces;

namespace ClusterSim.Experiments.Config;

/// <summary>
/// Reads a trace source (a framework's <c>workload.trace</c> or the cluster's <c>fromTrace</c>):
/// <c>{ format, path, from, to, timeScale, sample: { fraction, seed }, machine, processor, machineMemory,
/// openTasks, filter: { priority: [low, high] } }</c>.
/// </summary>
public static class TraceSection
{
    public static TraceSource Read(YamlNode t, string baseDir)
    {
        t.WithKeys("format", "path", "from", "to", "timeScale", "sample", "machine", "processor", "machineMemory", "openTasks", "filter");
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
        return source;
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
