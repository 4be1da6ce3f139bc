namespace ClusterSim.Experiments.Config;

/// <summary>
/// Bad input in a scenario or experiment file: says which file, where (line and column, when the parser knows
/// them), which key, and what was expected.
/// </summary>
public sealed class ConfigException(string file, int line, int column, string key, string problem)
    : Exception(Describe(file, line, column, key, problem))
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public int Column { get; } = column;
    public string Key { get; } = key;
    public string Problem { get; } = problem;

    internal static string Describe(string file, int line, int column, string key, string problem)
    {
        var where = line > 0 ? $"{file}:{line}:{column}" : file;
        return key.Length > 0 ? $"{where}: {key}: {problem}" : $"{where}: {problem}";
    }
}
