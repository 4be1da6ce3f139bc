namespace ClusterSim.Experiments.Scenarios;

/// <summary>A step that could not be carried out (no outstanding offer to accept, tasks that do not fit).</summary>
public sealed class StepException(string message) : Exception(message);
