using ClusterSim.Workloads.Model;

namespace ClusterSim.Workloads.Traces.Google2011;

/// <summary>One attempt of a Google task: from a SUBMIT (or its first event in the window) to the event that ends it.</summary>
internal sealed class GoogleTaskAttempt
{
    public required long JobId { get; init; }
    public required long TaskIndex { get; init; }
    public required int Number { get; init; }

    /// <summary>Creation order: ties in submit time are emitted in it.</summary>
    public required long Sequence { get; init; }

    /// <summary>Trace time of the SUBMIT; for an attempt open at the window start, the window start.</summary>
    public long SubmitMicros { get; set; }

    /// <summary>True when the attempt was submitted or running before the window (or the first row) began.</summary>
    public bool OpenAtStart { get; set; }

    public long? ScheduleMicros { get; set; }
    public long EndMicros { get; set; }

    // Where and when the attempt ran in trace time, for joining task_usage rows to it (GoogleTaskUsage): the
    // machine of its SCHEDULE (or of its first row naming one), from its SCHEDULE (long.MinValue when it was
    // running before the rows read) to its end event (long.MaxValue when still running at the window end).
    // Unlike ScheduleMicros and EndMicros, never clipped to the window.
    public long? MachineId { get; set; }
    public long RunFromMicros { get; set; } = long.MinValue;
    public long RunToMicros { get; set; } = long.MaxValue;
    public TaskOutcome Outcome { get; set; }
    public bool RunsForever { get; set; }

    // Normalised requests as the latest row gave them (an UPDATE_* row replaces them).
    public double Cpu { get; set; }
    public double Mem { get; set; }
    public double Disk { get; set; }

    public int? Priority { get; set; }
    public int? SchedulingClass { get; set; }
    public string? User { get; set; }
}
