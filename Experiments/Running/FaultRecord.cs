namespace ClusterSim.Experiments.Running;

/// <summary>One row of faults.csv: a fault, when it happened, what it hit (an agent, a rack value, a task,
/// the master) and what it cost.</summary>
public sealed record FaultRecord(double TimeSeconds, string Kind, string Target)
{
    public long TasksLost { get; set; }
    public double WorkLostCpuSeconds { get; set; }
}
