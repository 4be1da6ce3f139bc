namespace ClusterSim.Workloads.Traces;

/// <summary>
/// Which of a task's measured ratios becomes its usage fraction. The oversubscription model gives a task one
/// fraction for every resource kind (Sim.Core's UsageLedger), so a trace that measures CPU and memory apart must
/// say which one drives it. Spelled <c>cpu</c>, <c>mem</c> and <c>max</c> in experiment files.
/// </summary>
public enum UsageRatio
{
    /// <summary>Mean CPU used over CPU requested (the default: slack is mostly CPU).</summary>
    Cpu,

    /// <summary>Mean memory used over memory requested.</summary>
    Mem,

    /// <summary>The larger of the two (a task's slack is what neither resource needs).</summary>
    Max,
}
