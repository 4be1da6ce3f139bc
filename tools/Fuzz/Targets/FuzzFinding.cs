namespace ClusterSim.Fuzz.Targets;

/// <summary>A parser answered an input wrongly without crashing: an error without a usable location.</summary>
internal sealed class FuzzFinding(string message, Exception? inner = null) : Exception(message, inner);
