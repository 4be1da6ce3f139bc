using System.Text.RegularExpressions;

namespace ClusterSim.RealAgent.Master.Web;

/// <summary>
/// The UI's pages, script and style sheet, embedded in the assembly (RealAgent.csproj names them
/// webui/FILE), and the one template rule the pages use: <c>{{name}}</c> is replaced by a value the caller
/// has already encoded for where it goes.
/// </summary>
internal static partial class WebAssets
{
    public static readonly string SignIn = Read("login.html");
    public static readonly string Overview = Read("overview.html");
    public static readonly string Script = Read("overview.js");
    public static readonly string Style = Read("webui.css");

    /// <summary>Replaces every placeholder in one pass, so a value that contains "{{x}}" stays as it is.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var value)
            ? value
            : throw new InvalidOperationException($"web UI template: no value for {{{{{m.Groups[1].Value}}}}}"));

    private static string Read(string file)
    {
        var name = "webui/" + file;
        using var stream = typeof(WebAssets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"web UI asset {name} is not embedded in {typeof(WebAssets).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\{\{(\w+)\}\}")]
    private static partial Regex Placeholder();
}
