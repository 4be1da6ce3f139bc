namespace ClusterSim.Workloads.Traces;

/// <summary>
/// Why a reader left something out of the replay. Each value says what it counts (a row, a task attempt,
/// a job): a <see cref="TraceReport"/> counts every omission under one of these, never silently.
/// </summary>
public enum SkipReason
{
    /// <summary>
    /// A job (SWF, SWIM, Alibaba: one per job; Google: one per task attempt) submitted outside [from, to), or a
    /// machine row at or after the window end.
    /// </summary>
    OutsideWindow,

    /// <summary>A job left out by the sampling fraction (Google: counted per task attempt of the job).</summary>
    SampledOut,

    /// <summary>Google: a task attempt whose priority is outside the configured [lo, hi].</summary>
    PriorityFiltered,

    /// <summary>A task (Alibaba: a task row; Google: an attempt; SWIM: a job) that asks for no CPU and no memory.</summary>
    ZeroRequest,

    /// <summary>A row whose end time precedes its start time (Alibaba batch_task).</summary>
    EndBeforeStart,

    /// <summary>A row whose start or end time is missing or 0 (Alibaba batch_task of a task that never ran or never ended).</summary>
    MissingTime,

    /// <summary>A row carrying the schema's "invalid" markers (-1, or 101 for normalised values) where a value is needed.</summary>
    InvalidValue,

    /// <summary>Google: a task attempt that ended (or was resubmitted) without ever being scheduled; it used no resources.</summary>
    NeverScheduled,

    /// <summary>Google: a task attempt already submitted or running at the window start, under <see cref="OpenTaskRule.Drop"/>.</summary>
    OpenAtWindowStart,

    /// <summary>Google: a task attempt still running at the window end, under <see cref="OpenTaskRule.Drop"/>.</summary>
    OpenAtWindowEnd,

    /// <summary>Google: a row about a task or machine at time 2^63-1 ("after the window" in the schema) that starts something.</summary>
    AfterWindow,

    /// <summary>SWF: a job whose run time is -1 (unknown).</summary>
    UnknownRunTime,

    /// <summary>SWF: a job whose run time is 0; it carries no work.</summary>
    ZeroRunTime,

    /// <summary>SWF: a job whose submit time is -1 (unknown).</summary>
    UnknownSubmitTime,

    /// <summary>SWF: a job with neither allocated nor requested processors (both -1 or 0).</summary>
    NoProcessors,

    /// <summary>SWF: a rigid job wider than the cluster; it could never start.</summary>
    LargerThanCluster,

    /// <summary>SWIM: a job with zero map input, shuffle and output bytes; the model derives no task from it.</summary>
    NoData,

    /// <summary>Alibaba: a batch_task row with instance_num 0 or less.</summary>
    NoInstances,

    /// <summary>Alibaba: a job whose task-name DAG has a cycle; no task of it could ever start.</summary>
    CyclicDependencies,

    /// <summary>A machine row that repeats the machine's known state (Alibaba machine_meta); it yields no event.</summary>
    MachineUnchanged,

    /// <summary>A machine row about a machine that is not in the cluster (a REMOVE or UPDATE before an ADD).</summary>
    UnknownMachine,

    /// <summary>A machine ADD or UPDATE row without a usable capacity (empty or invalid CPU or memory).</summary>
    MissingCapacity,

    /// <summary>A usage row (Google task_usage, Alibaba batch_instance) with neither a CPU nor a memory figure
    /// (empty, or Alibaba's invalid markers: negative, memory above 100); it adds nothing to its task's mean.</summary>
    MissingUsage,

    /// <summary>Google task_usage: a measurement window whose end equals its start; it has no weight.</summary>
    EmptyUsageWindow,

    /// <summary>A usage row of a task the replay does not hold (outside the window, filtered, sampled out, or
    /// absent from the task table).</summary>
    UsageUnmatched,
}
