using ClusterSim.Experiments.Config;
using YamlDotNet.RepresentationModel;
using YamlNode = ClusterSim.Experiments.Config.YamlNode;

namespace ClusterSim.Fuzz.ConfigTargets;

/// <summary>
/// The experiment parser (<c>experiments/*.yaml</c>), which also scans the traces the file names. A small SWF
/// trace is written next to the input as <see cref="TraceFile"/> so seeds can name it; an input with a value
/// that could lead outside the input's folder (a rooted path, <c>..</c> or <c>~</c>) is not parsed, so
/// fuzzing never reads the machine's files. The harness also runs with the working folder in its temporary
/// folder, where relative paths are looked up first.
/// </summary>
internal sealed class ExperimentTarget() : ConfigTarget("experiment", "experiment.yaml")
{
    /// <summary>The trace a seed may name (<c>path: trace.swf</c>).</summary>
    public const string TraceFile = "trace.swf";

    private const string Trace =
        "; MaxProcs: 4\n" +
        "1 0 0 100 2 -1 -1 2 200 -1 1 1 1 -1 1 -1 -1 -1\n" +
        "2 30 5 50 1 -1 -1 1 100 -1 1 2 1 -1 1 -1 -1 -1\n" +
        "3 60 0 300 4 -1 -1 4 400 -1 1 1 1 -1 1 -1 -1 -1\n";

    protected override void Parse(string path, string text)
    {
        // The parser's own loader first: it rejects, with a location, what the walk below could not survive
        // (nesting that overflows YamlDotNet's recursive loader, aliases that expand to billions of values).
        YamlNode.Load(path, text);
        if (LeadsOutside(text)) return;
        WriteTrace(Path.GetDirectoryName(Path.GetFullPath(path))!);
        ExperimentParser.Parse(path, text);
    }

    /// <summary>Writes <see cref="TraceFile"/> into <paramref name="folder"/>.</summary>
    public static void WriteTrace(string folder) => File.WriteAllText(Path.Combine(folder, TraceFile), Trace);

    /// <summary>True when some scalar of the text, read as YAML, is a path out of the input's folder.</summary>
    private static bool LeadsOutside(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (Exception)
        {
            return false; // the parser rejects it before it reads any trace
        }
        // Each node once: an alias is the node it names (YamlDotNet's AllNodes would expand every alias).
        var seen = new HashSet<YamlDotNet.RepresentationModel.YamlNode>(ReferenceEqualityComparer.Instance);
        var open = new Stack<YamlDotNet.RepresentationModel.YamlNode>(stream.Documents.Select(d => d.RootNode));
        while (open.Count > 0)
        {
            var node = open.Pop();
            if (!seen.Add(node)) continue;
            switch (node)
            {
                case YamlScalarNode { Value: { } v } when Path.IsPathRooted(v) || v.Contains("..", StringComparison.Ordinal) || v.StartsWith('~'):
                    return true;
                case YamlMappingNode map:
                    foreach (var (k, v) in map.Children) { open.Push(k); open.Push(v); }
                    break;
                case YamlSequenceNode seq:
                    foreach (var c in seq.Children) open.Push(c);
                    break;
            }
        }
        return false;
    }
}
