using ClusterSim.Workloads.Model;

namespace ClusterSim.Workloads.Traces.Google2011;

/// <summary>
/// Follows each Google task through its task_events rows (time-ordered, as the trace publishes them) and
/// turns every SUBMIT → SCHEDULE → EVICT/FAIL/FINISH/KILL/LOST lifecycle into a closed
/// <see cref="GoogleTaskAttempt"/>, applying the window, <see cref="OpenTaskRule"/>, priority filter and
/// sampling. Every attempt ends up either in <see cref="Closed"/> or counted in the report under a skip reason.
/// </summary>
/// <remarks>
/// Transitions (schema doc: "a task can go SUBMIT → SCHEDULE → EVICT/FAIL/KILL/LOST → SUBMIT again"):
/// SUBMIT opens a new attempt (numbered from 0 per task); should the previous one still be open, it ends
/// there: as LOST when it had been scheduled (counted as an adjustment), else as
/// <see cref="SkipReason.NeverScheduled"/>. SCHEDULE starts the run. An end event closes the attempt, whose
/// duration runs from its SCHEDULE; an attempt that ends unscheduled (killed while pending) used nothing and
/// counts as <see cref="SkipReason.NeverScheduled"/>. UPDATE_PENDING/UPDATE_RUNNING replace the request (the
/// replay uses the last one seen). A task whose first row in the read range is not a SUBMIT was submitted
/// before it: it is open at the window start (an end or UPDATE_RUNNING row means it was running since then).
/// Rows at time 2^63-1 ("after the window") are skipped as <see cref="SkipReason.AfterWindow"/>, which
/// leaves their task open at the window end.
/// </remarks>
internal sealed class GoogleAttemptTracker(Google2011Options options, TraceClock clock, TraceReport report)
{
    private const int Time = 0, MissingInfo = 1, JobId = 2, TaskIndex = 3, MachineId = 4, EventType = 5, User = 6,
        SchedulingClass = 7, Priority = 8, Cpu = 9, Mem = 10, Disk = 11, DifferentMachines = 12;

    private readonly Dictionary<(long Job, long Task), GoogleTaskAttempt> _open = new();
    private readonly Dictionary<(long Job, long Task), int> _attempts = new();
    private readonly List<GoogleTaskAttempt> _closed = new();
    private readonly HashSet<long> _jobsNamed = new();
    private readonly JobSampler _sampler = new(options.Trace.SampleFraction, options.Trace.Seed);
    private long _sequence;
    private long? _windowStart;
    private long _lastTime;

    /// <summary>Closed attempts that go into the replay, in the order they closed.</summary>
    public IReadOnlyList<GoogleTaskAttempt> Closed => _closed;

    /// <summary>The window start: the later of the option's From and the first row's time.</summary>
    public long WindowStart => _windowStart ?? clock.FromMicros;

    /// <summary>Applies one task_events row; false once a row lies at or after the window end (stop reading).</summary>
    public bool Apply(TraceRecord row)
    {
        Validate(row);
        long t = row.Long(Time);
        if (t == long.MaxValue)
        {
            report.Skip(SkipReason.AfterWindow);
            return true;
        }
        if (t >= clock.ToMicros) return false;
        if (t < _lastTime)
            throw row.Error(Time, $"rows in time order (at least {_lastTime})", $"{t}");
        _lastTime = t;
        _windowStart ??= Math.Max(clock.FromMicros, t);
        var key = (row.Long(JobId), row.Long(TaskIndex));
        long type = row.Long(EventType);
        _open.TryGetValue(key, out var open);
        switch ((GoogleEventType)type)
        {
            case GoogleEventType.Submit:
                if (open is not null) EndResubmitted(open, t);
                Update(Open(key, t, openAtStart: false), row);
                break;
            case GoogleEventType.Schedule:
                open ??= Open(key, t, openAtStart: true);
                if (open.ScheduleMicros is null)
                {
                    open.ScheduleMicros = t;
                    open.RunFromMicros = t;
                }
                open.MachineId ??= row.LongOrNull(MachineId);
                Update(open, row);
                break;
            case GoogleEventType.Evict or GoogleEventType.Fail or GoogleEventType.Finish or GoogleEventType.Kill
                or GoogleEventType.Lost:
                if (open is null)
                {
                    open = Open(key, t, openAtStart: true);
                    open.ScheduleMicros = WindowStart;
                    Update(open, row);
                }
                if (open.ScheduleMicros is not null) open.MachineId ??= row.LongOrNull(MachineId);
                Close(open, t, Outcome((GoogleEventType)type));
                break;
            case GoogleEventType.UpdatePending:
                Update(open ?? Open(key, t, openAtStart: true), row);
                break;
            case GoogleEventType.UpdateRunning:
                if (open is null)
                {
                    open = Open(key, t, openAtStart: true);
                    open.ScheduleMicros = WindowStart;
                }
                if (open.ScheduleMicros is not null) open.MachineId ??= row.LongOrNull(MachineId);
                Update(open, row);
                break;
            default:
                throw row.Error(EventType,
                    "a 2011 task event type 0-8 (0 SUBMIT, 1 SCHEDULE, 2 EVICT, 3 FAIL, 4 FINISH, 5 KILL, 6 LOST, 7 UPDATE_PENDING, 8 UPDATE_RUNNING)",
                    $"{type}");
        }
        return true;
    }

    /// <summary>Ends the attempts still open at <paramref name="windowEndMicros"/> by the <see cref="OpenTaskRule"/>.</summary>
    public void Finish(long windowEndMicros)
    {
        foreach (var attempt in _open.Values.OrderBy(a => a.Sequence).ToArray())
        {
            _open.Remove((attempt.JobId, attempt.TaskIndex));
            if (options.OpenTasks == OpenTaskRule.Drop) report.Skip(SkipReason.OpenAtWindowEnd);
            else if (attempt.ScheduleMicros is null) report.Skip(SkipReason.NeverScheduled);
            else
            {
                attempt.RunsForever = options.OpenTasks == OpenTaskRule.RunForever;
                Keep(attempt, Math.Max(windowEndMicros, attempt.ScheduleMicros.Value), TaskOutcome.WindowEnd);
            }
        }
    }

    /// <summary>The time of the last row applied (the window end when the rows stop before the option's To).</summary>
    public long LastTime => _lastTime;

    private GoogleTaskAttempt Open((long Job, long Task) key, long t, bool openAtStart)
    {
        int number = _attempts.GetValueOrDefault(key);
        _attempts[key] = number + 1;
        // What the trace holds, whatever the replay then keeps of it: every attempt (a SUBMIT, or a task's first
        // row when it was submitted before the rows read) and every job they belong to.
        report.CountTraceTasks();
        if (_jobsNamed.Add(key.Job)) report.CountTraceJobs();
        var attempt = new GoogleTaskAttempt
        {
            JobId = key.Job,
            TaskIndex = key.Task,
            Number = number,
            Sequence = _sequence++,
            SubmitMicros = openAtStart ? WindowStart : t,
            OpenAtStart = openAtStart || t < clock.FromMicros,
        };
        _open[key] = attempt;
        return attempt;
    }

    private void EndResubmitted(GoogleTaskAttempt open, long t)
    {
        if (open.ScheduleMicros is null)
        {
            _open.Remove((open.JobId, open.TaskIndex));
            report.Skip(SkipReason.NeverScheduled);
            return;
        }
        report.Adjust("running task attempt resubmitted without an end event ended as LOST");
        Close(open, t, TaskOutcome.Lost);
    }

    private void Close(GoogleTaskAttempt attempt, long t, TaskOutcome outcome)
    {
        _open.Remove((attempt.JobId, attempt.TaskIndex));
        if (attempt.ScheduleMicros is null) report.Skip(SkipReason.NeverScheduled);
        else Keep(attempt, t, outcome);
    }

    /// <summary>Applies the window, the open-task rule and the filters to a closed, scheduled attempt.</summary>
    private void Keep(GoogleTaskAttempt attempt, long end, TaskOutcome outcome)
    {
        attempt.EndMicros = end;
        attempt.RunToMicros = outcome == TaskOutcome.WindowEnd ? long.MaxValue : end;
        attempt.Outcome = outcome;
        SkipReason? reason =
            end < clock.FromMicros ? SkipReason.OutsideWindow
            : attempt.OpenAtStart && options.OpenTasks == OpenTaskRule.Drop ? SkipReason.OpenAtWindowStart
            : attempt.Priority is { } p && (p < options.MinPriority || p > options.MaxPriority) ? SkipReason.PriorityFiltered
            : !_sampler.Keeps(attempt.JobId.ToString(System.Globalization.CultureInfo.InvariantCulture)) ? SkipReason.SampledOut
            : attempt.Cpu <= 0 && attempt.Mem <= 0 ? SkipReason.ZeroRequest
            : null;
        if (reason is { } r)
        {
            report.Skip(r);
            return;
        }
        if (attempt.OpenAtStart)
        {
            attempt.SubmitMicros = WindowStart;
            attempt.ScheduleMicros = Math.Max(attempt.ScheduleMicros!.Value, WindowStart);
            attempt.EndMicros = Math.Max(end, WindowStart);
        }
        _closed.Add(attempt);
    }

    /// <summary>
    /// Parses every field of the row, whatever its event type: a malformed value is an error even in a row whose
    /// event does not use it (a KILL row's CPU request), never silently ignored. Ranges are the schema's:
    /// requests normalised to the largest machine (0 to 1), priority 0-11, scheduling class 0-3, the
    /// different-machines restriction 0 or 1.
    /// </summary>
    private static void Validate(TraceRecord row)
    {
        row.Long(Time);
        row.LongOrNull(MissingInfo);
        row.Long(JobId);
        row.Long(TaskIndex);
        row.LongOrNull(MachineId);
        row.Long(EventType);
        row.LongOrNull(SchedulingClass, 0, 3);
        row.LongOrNull(Priority, 0, 11);
        row.DoubleOrNull(Cpu, 0, 1);
        row.DoubleOrNull(Mem, 0, 1);
        row.DoubleOrNull(Disk, 0, 1);
        row.LongOrNull(DifferentMachines, 0, 1);
    }

    /// <summary>Takes the row's request, priority, class and user where its cells are not empty (checked by <see cref="Validate"/>).</summary>
    private static void Update(GoogleTaskAttempt attempt, TraceRecord row)
    {
        attempt.Cpu = row.DoubleOrNull(Cpu) ?? attempt.Cpu;
        attempt.Mem = row.DoubleOrNull(Mem) ?? attempt.Mem;
        attempt.Disk = row.DoubleOrNull(Disk) ?? attempt.Disk;
        attempt.Priority = (int?)row.LongOrNull(Priority) ?? attempt.Priority;
        attempt.SchedulingClass = (int?)row.LongOrNull(SchedulingClass) ?? attempt.SchedulingClass;
        attempt.User = row.TextOrNull(User) ?? attempt.User;
    }

    private static TaskOutcome Outcome(GoogleEventType type) => type switch
    {
        GoogleEventType.Evict => TaskOutcome.Evicted,
        GoogleEventType.Fail => TaskOutcome.Failed,
        GoogleEventType.Finish => TaskOutcome.Finished,
        GoogleEventType.Kill => TaskOutcome.Killed,
        _ => TaskOutcome.Lost,
    };
}
