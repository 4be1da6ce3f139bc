using System.Globalization;
using ClusterSim.Core.Resources;
using ClusterSim.Core.Timing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ClusterSim.Experiments.Config;

/// <summary>
/// A node of a parsed YAML file that knows where it came from (file, line, key path), so every value read
/// through it can fail with an error a user can act on. A section reader declares the keys its map may hold
/// (<see cref="WithKeys"/>) before reading any value: keys outside that list are reported at once, with a
/// did-you-mean when a declared key is close, so a misspelt required key is never reported as the real key
/// "missing". The declaration is the only list of the section's keys: once a node has declared its keys,
/// reading another is a bug in the reader and fails loudly.
/// </summary>
public sealed class YamlNode
{
    private readonly YamlDotNet.RepresentationModel.YamlNode _node;
    private string[]? _declared;

    private YamlNode(YamlDotNet.RepresentationModel.YamlNode node, string file, string path)
    {
        _node = node;
        File = file;
        Path = path;
    }

    public string File { get; }
    public string Path { get; }
    public int Line => (int)_node.Start.Line;
    public int Column => (int)_node.Start.Column;

    /// <summary>How deep maps and lists may nest, aliases expanded: YamlDotNet's loader and the readers recurse.</summary>
    internal const int MaxDepth = 64;

    /// <summary>How many nodes a file may hold, aliases expanded (a few aliased lists must not expand to billions).</summary>
    internal const long MaxNodes = 1_000_000;

    /// <summary>
    /// Parses a whole file; a syntax error names the file, line and column. So does nesting deeper than
    /// <see cref="MaxDepth"/>, more than <see cref="MaxNodes"/> nodes once aliases are expanded, and a key
    /// that is not a single value: the readers assume none of these.
    /// </summary>
    public static YamlNode Load(string file, string text)
    {
        CheckNesting(file, text);
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw SyntaxError(file, text, e);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            throw LoaderError(file, text, parser);
        }
        if (stream.Documents.Count == 0)
            throw new ConfigException(file, 0, 0, "", "the file is empty");
        var root = stream.Documents[0].RootNode;
        Measure(file, root, 1, new Dictionary<YamlDotNet.RepresentationModel.YamlNode, (int, long)>(ReferenceEqualityComparer.Instance));
        return new YamlNode(root, file, "");
    }

    /// <summary>
    /// Reads the file's events (YamlDotNet's parser keeps its own stack; its loader recurses) and fails at the
    /// first map or list nested deeper than <see cref="MaxDepth"/>, before the loader could overflow the stack.
    /// </summary>
    private static void CheckNesting(string file, string text)
    {
        var parser = new Parser(new StringReader(text));
        int depth = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart:
                        if (++depth > MaxDepth)
                            throw new ConfigException(file, (int)parser.Current.Start.Line, (int)parser.Current.Start.Column, "",
                                $"maps and lists nest more than {MaxDepth} deep here; expected a shallower file");
                        break;
                    case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd:
                        depth--;
                        break;
                }
            }
        }
        catch (YamlException e)
        {
            throw SyntaxError(file, text, e);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            throw LoaderError(file, text, parser);
        }
    }

    /// <summary>
    /// YamlDotNet fails on some broken files without a position (an InvalidOperationException on a flow
    /// collection left open, an ArgumentException on an event the loader does not expect): the error names
    /// the open bracket when there is one, else the last place the parser reached.
    /// </summary>
    private static ConfigException LoaderError(string file, string text, Parser parser)
    {
        var (line, column) = UnclosedBracket(text);
        if (line > 0) return new ConfigException(file, line, column, "", "YAML syntax error: this [ or { is never closed");
        var at = parser.Current?.Start;
        return new ConfigException(file, Math.Max(1, (int)(at?.Line ?? 1)), Math.Max(1, (int)(at?.Column ?? 1)), "",
            "YAML syntax error: the text is not valid YAML from here on");
    }

    /// <summary>
    /// Walks the loaded tree once per distinct node (an alias is the node it names), failing on a key that
    /// is a map or list, on nesting deeper than <see cref="MaxDepth"/> and on more than <see cref="MaxNodes"/>
    /// nodes with aliases expanded. Returns the node's height and expanded size.
    /// </summary>
    private static (int Height, long Size) Measure(string file, YamlDotNet.RepresentationModel.YamlNode node, int depth,
        Dictionary<YamlDotNet.RepresentationModel.YamlNode, (int, long)> seen)
    {
        if (!seen.TryGetValue(node, out var measured))
        {
            // A node is first met where it is written (an anchor comes before its aliases), at most MaxDepth
            // deep as CheckNesting made sure, so this recursion is bounded; aliased depth is checked below.
            int height = node is YamlScalarNode ? 0 : 1;
            long size = 1;
            IEnumerable<YamlDotNet.RepresentationModel.YamlNode> children = node switch
            {
                YamlMappingNode map => map.Children.SelectMany(c => new[] { c.Key, c.Value }),
                YamlSequenceNode seq => seq.Children,
                _ => [],
            };
            if (node is YamlMappingNode m)
                foreach (var key in m.Children.Keys)
                    if (key is not YamlScalarNode)
                        throw new ConfigException(file, (int)key.Start.Line, (int)key.Start.Column, "",
                            $"a key is a {(key is YamlMappingNode ? "map" : "list")}; expected a single value such as name");
            foreach (var child in children)
            {
                var (h, n) = Measure(file, child, depth + 1, seen);
                height = Math.Max(height, h + 1);
                size += n;
                if (size > MaxNodes)
                    throw new ConfigException(file, (int)node.Start.Line, (int)node.Start.Column, "",
                        $"this holds more than {MaxNodes} values once its aliases (*name) are expanded; expected a smaller file");
            }
            seen[node] = measured = (height, size);
        }
        if (depth - 1 + measured.Item1 > MaxDepth) throw TooDeep(file, node);
        return measured;
    }

    private static ConfigException TooDeep(string file, YamlDotNet.RepresentationModel.YamlNode node) =>
        new(file, (int)node.Start.Line, (int)node.Start.Column, "",
            $"maps and lists nest more than {MaxDepth} deep here (aliases expanded); expected a shallower file");

    /// <summary>
    /// A syntax error at the place it is. YAML forbids tabs in indentation (YAML 1.2, section 6.1), but
    /// YamlDotNet reports some of them at the start of the enclosing block, often line 1; a tab before the
    /// reported position, in indentation, is named instead.
    /// </summary>
    private static ConfigException SyntaxError(string file, string text, YamlException e)
    {
        var lines = text.Split('\n');
        var message = e.InnerException?.Message ?? e.Message;
        int reported = message.Contains("tab", StringComparison.OrdinalIgnoreCase) ? lines.Length : (int)Math.Min(e.End.Line, lines.Length);
        for (int i = 0; i < reported; i++)
        {
            var line = lines[i];
            int indent = line.Length - line.TrimStart(' ', '\t').Length;
            int tab = line.IndexOf('\t');
            if (tab >= 0 && tab < indent)
                return new ConfigException(file, i + 1, tab + 1, "", "YAML syntax error: a tab in indentation; YAML indents with spaces only");
        }
        return new ConfigException(file, (int)e.Start.Line, (int)e.Start.Column, "", "YAML syntax error: " + message);
    }

    /// <summary>The line and column of the first [ or { left open, outside quotes and comments (0, 0 if none).</summary>
    private static (int Line, int Column) UnclosedBracket(string text)
    {
        var open = new Stack<(int, int)>();
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            char quote = '\0';
            for (int j = 0; j < lines[i].Length; j++)
            {
                char c = lines[i][j];
                if (quote != '\0')
                {
                    if (c == quote) quote = '\0';
                    continue;
                }
                if (c is '"' or '\'') quote = c;
                else if (c == '#' && (j == 0 || char.IsWhiteSpace(lines[i][j - 1]))) break;
                else if (c is '[' or '{') open.Push((i + 1, j + 1));
                else if (c is ']' or '}' && open.Count > 0) open.Pop();
            }
        }
        return open.Count == 0 ? (0, 0) : open.Last();
    }

    public ConfigException Error(string problem) => new(File, Line, Column, Path, problem);

    /// <summary>A warning about this node, in the same form as an error.</summary>
    public ConfigWarning Warning(string problem) => new(File, Line, Column, Path, problem);

    /// <summary>
    /// This map with <paramref name="overrides"/> laid over it: maps merge key by key, anything else is
    /// replaced. Keys in <paramref name="skip"/> are left out of both. Nodes keep their file positions, so
    /// errors in the merged map still point at the line that wrote the value.
    /// </summary>
    public YamlNode MergedWith(YamlNode? overrides, params string[] skip)
    {
        var merged = Merge(AsMap(), overrides?.AsMap(), skip);
        return new YamlNode(merged, File, Path);
    }

    private static YamlMappingNode Merge(YamlMappingNode baseMap, YamlMappingNode? over, string[] skip)
    {
        var result = new YamlMappingNode();
        foreach (var (k, v) in baseMap.Children)
        {
            var key = ((YamlScalarNode)k).Value ?? "";
            if (skip.Contains(key)) continue;
            if (over != null && over.Children.TryGetValue(k, out var replacement))
                result.Children.Add(k, v is YamlMappingNode vm && replacement is YamlMappingNode rm ? Merge(vm, rm, []) : replacement);
            else result.Children.Add(k, v);
        }
        if (over != null)
            foreach (var (k, v) in over.Children)
            {
                var key = ((YamlScalarNode)k).Value ?? "";
                if (skip.Contains(key) || baseMap.Children.ContainsKey(k)) continue;
                result.Children.Add(k, v);
            }
        return result;
    }

    /// <summary>The node as YAML text, for reports.</summary>
    public string ToYaml()
    {
        var doc = new YamlDocument(_node);
        var stream = new YamlStream(doc);
        var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        var text = writer.ToString().Trim();
        return text.EndsWith("...", StringComparison.Ordinal) ? text[..^3].Trim() : text;
    }

    public bool IsMap => _node is YamlMappingNode;
    public bool IsScalar => _node is YamlScalarNode;

    // ---- maps ---------------------------------------------------------------------------------------

    /// <summary>The keys of this map in file order; fails when this is not a map.</summary>
    public IReadOnlyList<string> Keys => AsMap().Children.Keys.Select(k => ((YamlScalarNode)k).Value ?? "").ToArray();

    /// <summary>
    /// Declares the keys this map may hold and fails on the first other key, naming it and, when a declared
    /// key is close, what it was probably meant to be: <c>taskDuraton: unknown key; did you mean taskDuration?</c>.
    /// Call it first, before reading any value, so an unknown key is reported before any missing one.
    /// </summary>
    public YamlNode WithKeys(params string[] keys)
    {
        if (_declared != null) throw new InvalidOperationException($"the keys of '{Path}' are declared twice");
        _declared = keys;
        foreach (var (k, _) in AsMap().Children)
        {
            var name = ((YamlScalarNode)k).Value ?? "";
            if (keys.Contains(name, StringComparer.Ordinal)) continue;
            var hint = NearestName.Closest(name, keys) is { } close
                ? $"did you mean {close}?"
                : "expected one of: " + string.Join(", ", keys);
            throw new ConfigException(File, (int)k.Start.Line, (int)k.Start.Column, Join(name), "unknown key; " + hint);
        }
        return this;
    }

    public bool Has(string key) => Child(Declared(key)) != null;

    public YamlNode? Optional(string key)
    {
        var child = Child(Declared(key));
        return child == null || IsNull(child) ? null : new YamlNode(child, File, Join(key));
    }

    public YamlNode Required(string key, string expected) =>
        Optional(key) ?? throw new ConfigException(File, Line, Column, Join(key), $"missing; expected {expected}");

    /// <summary>
    /// Which of <paramref name="alternatives"/> this map holds: null when none, an error naming the second
    /// when it holds several (e.g. a distribution that is both exponential and lognormal).
    /// </summary>
    public string? OneOf(params string[] alternatives)
    {
        string? found = null;
        foreach (var key in alternatives)
        {
            if (!Has(key)) continue;
            if (found != null)
            {
                var second = Optional(key);
                var expected = alternatives.Length == 2
                    ? $"either {alternatives[0]} or {alternatives[1]}"
                    : "one of " + string.Join(", ", alternatives);
                throw (second ?? this).Error($"expected {expected}, not both {found} and {key}");
            }
            found = key;
        }
        return found;
    }

    private string Declared(string key)
    {
        if (_declared != null && !_declared.Contains(key, StringComparer.Ordinal))
            throw new InvalidOperationException($"the reader of '{Path}' reads '{key}' but does not declare it");
        return key;
    }

    // ---- sequences ----------------------------------------------------------------------------------

    public IReadOnlyList<YamlNode> Items()
    {
        if (_node is not YamlSequenceNode seq) throw Error("expected a list");
        return seq.Children.Select((c, i) => new YamlNode(c, File, $"{Path}[{i}]")).ToArray();
    }

    /// <summary>Entries of a map as (key, value) nodes in file order.</summary>
    public IReadOnlyList<(string Key, YamlNode Value)> Entries()
    {
        var map = AsMap();
        var list = new List<(string, YamlNode)>();
        foreach (var (k, v) in map.Children)
        {
            var name = ((YamlScalarNode)k).Value ?? "";
            list.Add((name, new YamlNode(v, File, Join(name))));
        }
        return list;
    }

    // ---- scalars ------------------------------------------------------------------------------------

    public string Text()
    {
        if (_node is not YamlScalarNode scalar) throw Error("expected a single value, found " + Describe());
        return scalar.Value ?? "";
    }

    public string String(string key, string expected) => Required(key, expected).Text();

    public string? OptionalString(string key) => Optional(key)?.Text();

    public double Number(string expected = "a number")
    {
        var text = Text();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) return v;
        throw Error($"expected {expected}, found '{text}'");
    }

    public long Integer(string expected = "a whole number")
    {
        var text = Text();
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)) return v;
        throw Error($"expected {expected}, found '{text}'");
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; an error says so with the
    /// unit (<c>expected 1 to 10000 runs, found 0</c>), so that a count is never narrowed silently.</summary>
    public long Integer(long min, long max, string unit)
    {
        var range = $"{min} to {max} {unit}";
        long v = Integer(range);
        if (v < min || v > max) throw Error($"expected {range}, found {v}");
        return v;
    }

    public bool Boolean()
    {
        var text = Text();
        return text switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw Error($"expected true or false, found '{text}'"),
        };
    }

    public Duration Duration()
    {
        var text = Text();
        if (Core.Timing.Duration.TryParse(text, out var d, out var error)) return d;
        throw Error(error);
    }

    public Resources Resources()
    {
        var text = Text();
        var set = ResourceSet();
        if (set.Reserved.Count > 0)
            throw Error($"'{text}': reservations are not allowed here; expected plain quantities like cpus:2;mem:1024");
        return set.Unreserved;
    }

    public ResourceSet ResourceSet()
    {
        var text = Text();
        if (Core.Resources.ResourceSet.TryParse(text, out var set, out var error)) return set;
        throw Error(error);
    }

    public MinAllocatable MinAllocatable()
    {
        try
        {
            return Core.Resources.MinAllocatable.Parse(Text());
        }
        catch (FormatException e)
        {
            throw Error(e.Message);
        }
    }

    private YamlMappingNode AsMap() =>
        _node as YamlMappingNode ?? throw Error("expected a map of keys, found " + Describe());

    private YamlDotNet.RepresentationModel.YamlNode? Child(string key)
    {
        var map = AsMap();
        return map.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;
    }

    private static bool IsNull(YamlDotNet.RepresentationModel.YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain } s && (s.Value is "" or "~" or "null");

    private string Join(string key) => Path.Length == 0 ? key : Path + "." + key;

    private string Describe() => _node switch
    {
        YamlMappingNode => "a map",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "something else",
    };
}
