namespace ClusterSim.RealAgent.Security;

/// <summary>A malformed ACL file: names the file, the line and column, the key and what was expected.</summary>
public sealed class AclFileException(string file, int line, int column, string key, string problem)
    : Exception(line > 0 ? $"{file}:{line}:{column}: {key}: {problem}" : $"{file}: {key}: {problem}");
