using System.Text;
using ClusterSim.Experiments.Config;
using ClusterSim.Fuzz.Targets;

namespace ClusterSim.Fuzz.ConfigTargets;

/// <summary>
/// A parser of the project's YAML files (an experiment or a scenario), fed the input as UTF-8 text as if read
/// from <c>path</c>. The only acceptable failure is a <see cref="ConfigException"/> naming that file and a
/// line the text has; anything else escapes as a finding.
/// </summary>
internal abstract class ConfigTarget(string name, string fileName) : FuzzTarget(name, fileName)
{
    public override void Run(byte[] input, string path)
    {
        var text = Encoding.UTF8.GetString(input);
        try
        {
            Parse(path, text);
        }
        catch (ConfigException e)
        {
            if (e.File != path) throw new FuzzFinding($"the error names '{e.File}', not the file read", e);
            // YAML breaks lines at \r as well as \n (YAML 1.2, section 5.4; YamlDotNet also at U+0085, U+2028, U+2029).
            int lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', '\r', '\u0085', '\u2028', '\u2029').Length;
            // Line 0 is allowed only where there is no line to name (an empty file, a missing file).
            if (e.Line < 0 || e.Line > lines + 1 || (e.Line == 0 && text.Trim().Length > 0 && !e.Problem.Contains("empty", StringComparison.Ordinal)))
                throw new FuzzFinding($"the error names line {e.Line} of a text of {lines} lines: {e.Message}", e);
        }
    }

    protected abstract void Parse(string path, string text);
}
