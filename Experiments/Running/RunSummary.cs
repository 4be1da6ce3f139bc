namespace ClusterSim.Experiments.Running;

/// <summary>One row of summary.csv: what one run of one variant with one seed came to.</summary>
public sealed record RunSummary
{
    public required string Variant { get; init; }
    public required long Seed { get; init; }
    public required string Policy { get; init; }
    public long JobsSubmitted { get; init; }
    public long JobsCompleted { get; init; }
    public long TasksSubmitted { get; init; }
    public long TasksCompleted { get; init; }
    public long TasksLost { get; init; }

    /// <summary>Tasks still waiting at the end of the run; their waits count, censored at the end.</summary>
    public long TasksNeverStarted { get; init; }

    /// <summary>When the last job of the frameworks whose work ends (batch, gang) ended; services excluded.</summary>
    public double MakespanSeconds { get; init; }
    public double CpuUtilisationMean { get; init; }
    public double MemUtilisationMean { get; init; }
    public double JctMean { get; init; }
    public double JctP50 { get; init; }
    public double JctP95 { get; init; }
    public double WaitMean { get; init; }
    public double WaitP95 { get; init; }
    /// <summary>Jain's index over the weighted shares of the roles that want more, at each sample in the
    /// measurement window, averaged over those samples.</summary>
    public double JainFairness { get; init; }

    /// <summary>The earlier definition: Jain's index over every role's mean weighted share.</summary>
    public double JainMeanShares { get; init; }
    public long OffersSent { get; init; }
    public long OffersDeclined { get; init; }
    public long OffersRescinded { get; init; }
    public double ServiceUtilisationMean { get; init; }
    public double UnservedLoadMean { get; init; }

    /// <summary>What faults cost the run; null when the experiment records no faults (its columns then do not
    /// exist, so a file without faults gives the summary it gave before).</summary>
    public FaultCost? Faults { get; init; }

    /// <summary>Per-framework and per-role metrics, named "metric:who" (e.g. "wait_mean_s:hadoop",
    /// "share_mean:analytics"), in a stable order; the same names for every run of an experiment.</summary>
    public IReadOnlyList<(string Name, double Value)> Breakdown { get; init; } = [];

    /// <summary>The metrics compared across variants, by their column name, in column order.</summary>
    public IReadOnlyList<(string Name, double Value)> Metrics() =>
    [
        ("jobs_submitted", JobsSubmitted), ("jobs_completed", JobsCompleted), ("tasks_submitted", TasksSubmitted),
        ("tasks_completed", TasksCompleted), ("tasks_lost", TasksLost), ("makespan_s", MakespanSeconds),
        ("cpu_util_mean", CpuUtilisationMean), ("mem_util_mean", MemUtilisationMean), ("jct_mean_s", JctMean),
        ("jct_p50_s", JctP50), ("jct_p95_s", JctP95), ("wait_mean_s", WaitMean), ("wait_p95_s", WaitP95),
        ("jain_fairness", JainFairness), ("offers_sent", OffersSent), ("offers_declined", OffersDeclined),
        ("offers_rescinded", OffersRescinded), ("service_util_mean", ServiceUtilisationMean),
        ("unserved_load_mean", UnservedLoadMean), ("tasks_never_started", TasksNeverStarted),
        ("jain_mean_shares", JainMeanShares),
        .. FaultMetrics(),
        .. Breakdown,
    ];

    private IReadOnlyList<(string, double)> FaultMetrics() => Faults is not { } f
        ? []
        : [("agents_failed", f.AgentsFailed), ("work_lost_cpu_s", f.WorkLostCpuSeconds), ("goodput", f.Goodput)];
}
