using System.Buffers.Binary;
using System.Text;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Model;
using ClusterSim.Experiments.Output;
using ClusterSim.Workloads.Frameworks;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Experiments.Running;

/// <summary>
/// Watches one run: streams tasks.csv and jobs.csv as work ends, keeps what tasks use (in all and per
/// framework) for the samples and the utilisation integral over the measurement window, counts offers, gathers
/// waits (censored at the end for tasks that never started) and completion times for the summary, and hashes
/// every offer and task change into a digest that proves two runs identical without comparing files. Nothing
/// here feeds back into the run.
/// </summary>
public sealed class RunRecorder : IMasterListener, IWorkloadObserver, IDisposable
{
    private readonly IClusterView _view;
    private readonly CsvTable? _tasks;
    private readonly CsvTable? _jobs;
    // By framework id (dense from 0): an array, not a dictionary, as it changes on every launch and end.
    private R[] _inUseByFramework = new R[8];
    // MULTI_ROLE frameworks only: each live task's role, and what they use per (framework, role).
    private readonly Dictionary<(int, TaskId), string> _roleOfTask = [];
    private readonly Dictionary<(int, string), R> _inUseByRole = [];
    private readonly BufferedDigest _digest = new();
    private readonly Dictionary<FrameworkScheduler, ObservedValues> _waitsOf = new(ReferenceEqualityComparer.Instance);
    private double _utilCpuIntegral, _utilMemIntegral;
    private Time _lastChange;
    private Time? _lastWorkEnd;

    public RunRecorder(IClusterView view, string? directory)
    {
        _view = view;
        if (directory != null)
        {
            _tasks = new CsvTable(Path.Combine(directory, "tasks.csv"),
                "task_id", "job_id", "framework", "role", "agent", "submit_s", "start_s", "end_s", "state", "cpus", "mem", "attempts");
            _jobs = new CsvTable(Path.Combine(directory, "jobs.csv"),
                "job_id", "framework", "role", "submit_s", "first_start_s", "end_s", "tasks", "state");
        }
    }

    /// <summary>What launched tasks that have not ended ask for, in all.</summary>
    public R InUse { get; private set; }

    /// <summary>What a framework's launched tasks that have not ended ask for.</summary>
    public R InUseBy(FrameworkId framework) =>
        (uint)framework.Value < (uint)_inUseByFramework.Length ? _inUseByFramework[framework.Value] : default;

    private ref R InUseSlot(int framework)
    {
        if (framework >= _inUseByFramework.Length) Array.Resize(ref _inUseByFramework, Math.Max(framework + 1, 2 * _inUseByFramework.Length));
        return ref _inUseByFramework[framework];
    }

    /// <summary>The role a MULTI_ROLE framework launched a task in (null for other frameworks); set by the run
    /// when some framework has several roles, read when the task launches.</summary>
    public Func<FrameworkId, TaskId, string?>? RoleOfTask { get; set; }

    /// <summary>What a MULTI_ROLE framework's tasks use in one of its roles (Mesos accounts per (framework, role)).</summary>
    public R InUseBy(FrameworkId framework, string role) => _inUseByRole.GetValueOrDefault((framework.Value, role));

    /// <summary>The part of the run the utilisation integral covers; set before the run starts.</summary>
    public MeasureWindow Window { get; set; } = MeasureWindow.WholeRun;

    /// <summary>Tasks still waiting to start at the end of the run (set by <see cref="Finish"/>).</summary>
    public long TasksNeverStarted { get; private set; }

    /// <summary>Tasks never started, by framework name.</summary>
    public SortedDictionary<string, long> TasksNeverStartedByFramework { get; } = new(StringComparer.Ordinal);

    /// <summary>When the last job of a framework whose work ends (batch, gang) ended: the run's end when some
    /// such work was still open then, NaN when there is no such framework (set by <see cref="Finish"/>).</summary>
    public double MakespanSeconds { get; private set; } = double.NaN;
    public long OffersSent { get; private set; }
    public long OffersDeclined { get; private set; }
    public long OffersRescinded { get; private set; }
    public long TasksCompleted { get; private set; }
    public long TasksLost { get; private set; }
    public long TasksEnded { get; private set; }
    public long JobsCompleted { get; private set; }
    public long Events { get; private set; }

    /// <summary>Waits (start - submit, seconds) of every task that started, and of every task still waiting at
    /// the end of the run up to that end (censored; see <see cref="Finish"/>). Kept on disk past a size, so
    /// memory follows the live work, not the work done.</summary>
    public ObservedValues Waits { get; } = new();

    /// <summary>Completion times (end - submit, seconds) of every job that finished.</summary>
    public ObservedValues CompletionTimes { get; } = new();

    /// <summary>Waits by framework name.</summary>
    public SortedDictionary<string, ObservedValues> WaitsByFramework { get; } = new(StringComparer.Ordinal);

    /// <summary>Completion times by framework name.</summary>
    public SortedDictionary<string, ObservedValues> CompletionTimesByFramework { get; } = new(StringComparer.Ordinal);

    private static void AddTo(SortedDictionary<string, ObservedValues> series, string key, double value)
    {
        if (!series.TryGetValue(key, out var values)) series.Add(key, values = new ObservedValues());
        values.Add(value);
    }

    // ---- the master's side --------------------------------------------------------------------------

    public void AgentAdded(AgentId agent, AgentInfo info) => Integrate();
    public void AgentRemoved(AgentId agent, AgentInfo info) => Integrate();

    public void OfferMade(Offer offer)
    {
        OffersSent++;
        Hash(1, offer.Id.Value, offer.Framework.Value, offer.Agent.Value, offer.Resources);
    }

    public void OfferDeclined(Offer offer, OfferFilter filter)
    {
        OffersDeclined++;
        Hash(2, offer.Id.Value, filter.RefuseFor.Micros, 0, default);
    }

    public void OfferRescinded(Offer offer, string reason)
    {
        OffersRescinded++;
        Hash(3, offer.Id.Value, 0, 0, default);
    }

    public void TaskLaunched(FrameworkId framework, AgentId agent, TaskSpec task, Time at)
    {
        Integrate();
        InUse += task.Resources;
        ref var byFramework = ref InUseSlot(framework.Value);
        byFramework += task.Resources;
        if (RoleOfTask?.Invoke(framework, task.Id) is { } role)
        {
            _roleOfTask[(framework.Value, task.Id)] = role;
            _inUseByRole[(framework.Value, role)] = InUseBy(framework, role) + task.Resources;
        }
        Hash(4, framework.Value, agent.Value, 0, task.Resources);
        HashText(task.Id.Value);
    }

    // Terminal updates for tasks the master no longer held (unlaunched, reported gone) come here and change no
    // use; those of launched tasks come to TaskTerminated with what the task held.
    public void TaskStatusChanged(StatusUpdate status)
    {
        Hash(5, status.Framework.Value, status.Agent.Value, (long)status.State, default);
        HashText(status.Task.Value);
        if (status.State == TaskState.Lost) TasksLost++;
    }

    public void TaskTerminated(StatusUpdate status, R resources)
    {
        TaskStatusChanged(status);
        Integrate();
        InUse -= resources;
        ref var byFramework = ref InUseSlot(status.Framework.Value);
        byFramework -= resources;
        if (_roleOfTask.Count > 0 && _roleOfTask.Remove((status.Framework.Value, status.Task), out var role))
            _inUseByRole[(status.Framework.Value, role)] = InUseBy(status.Framework, role) - resources;
    }

    // ---- the frameworks' side -----------------------------------------------------------------------

    public void TaskEnded(FrameworkScheduler framework, TrackedTask task)
    {
        TasksEnded++;
        if (task.State == TaskState.Finished) TasksCompleted++;
        if (task.Start is { } start) AddWait(framework, (start - task.Submit).Seconds);
        WriteTask(framework, task);
    }

    public void JobEnded(FrameworkScheduler framework, TrackedJob job)
    {
        if (framework is not ServiceFramework && job.End is { } ended && (_lastWorkEnd == null || ended > _lastWorkEnd))
            _lastWorkEnd = ended;
        if (framework is not ServiceFramework && job.State == "FINISHED" && job.End is { } end)
        {
            JobsCompleted++;
            CompletionTimes.Add((end - job.Submit).Seconds);
            AddTo(CompletionTimesByFramework, framework.Name, (end - job.Submit).Seconds);
        }
        WriteJob(framework, job);
    }

    /// <summary>
    /// Writes what is still pending or running at the end of the run and counts its waits: a task that never
    /// started waited at least until <paramref name="end"/>, so it counts with that censored wait (a lower
    /// bound) and in <see cref="TasksNeverStarted"/>, rather than dropping out of the waits and flattering the
    /// policy that starved it. Also settles the makespan.
    /// </summary>
    public void Finish(IEnumerable<FrameworkScheduler> frameworks, Time end)
    {
        bool workOpen = false, workEnds = false;
        foreach (var framework in frameworks)
        {
            if (framework is not ServiceFramework)
            {
                workEnds = true;
                workOpen |= !framework.IsDrained || framework.OpenJobs.Any();
            }
            foreach (var task in framework.UnfinishedTasks())
            {
                if (task.Start is { } start) AddWait(framework, (start - task.Submit).Seconds);
                else
                {
                    AddWait(framework, (end - task.Submit).Seconds);
                    TasksNeverStarted++;
                    TasksNeverStartedByFramework[framework.Name] = TasksNeverStartedByFramework.GetValueOrDefault(framework.Name) + 1;
                }
                WriteTask(framework, task);
            }
            foreach (var job in framework.OpenJobs) WriteJob(framework, job);
        }
        MakespanSeconds = !workEnds ? double.NaN : workOpen || _lastWorkEnd == null ? end.Seconds : _lastWorkEnd.Value.Seconds;
        Integrate();
    }

    private void AddWait(FrameworkScheduler framework, double seconds)
    {
        Waits.Add(seconds);
        // A wait per task: the framework's series is found by reference, not by its name in the sorted map.
        if (!_waitsOf.TryGetValue(framework, out var values))
        {
            if (!WaitsByFramework.TryGetValue(framework.Name, out values)) WaitsByFramework.Add(framework.Name, values = new ObservedValues());
            _waitsOf.Add(framework, values);
        }
        values.Add(seconds);
    }

    private void WriteTask(FrameworkScheduler framework, TrackedTask task)
    {
        if (_tasks == null) return;
        // A MULTI_ROLE framework's task is in the role of the offer it last ran on (its pinned role, or the
        // framework's first, when it never launched).
        var role = framework.Settings.Roles.Count == 1 ? framework.Role : task.Role ?? task.Job.Role ?? framework.Role;
        _tasks.Add(task.Id.Value).Add(task.Job.Id).Add(framework.Name).Add(role).Add(task.Agent)
            .Add(task.Submit.Seconds).Add(task.Start?.Seconds).Add(task.End?.Seconds).Add(task.StateName)
            .Add(task.Request.Cpus).Add(task.Request.Mem).Add(task.Attempts);
        _tasks.EndRow();
    }

    private void WriteJob(FrameworkScheduler framework, TrackedJob job)
    {
        if (_jobs == null) return;
        // A MULTI_ROLE framework's job: its pinned role, or its roles joined with '+' (its tasks may run in any).
        var role = framework.Settings.Roles.Count == 1 ? framework.Role : job.Role ?? string.Join('+', framework.Settings.Roles);
        _jobs.Add(job.Id).Add(framework.Name).Add(role).Add(job.Submit.Seconds).Add(job.FirstStart?.Seconds)
            .Add(job.End?.Seconds).Add(job.TaskCount).Add(job.State);
        _jobs.EndRow();
    }

    // ---- utilisation --------------------------------------------------------------------------------

    /// <summary>Time-weighted mean of in-use / total cpus (and mem) over the measurement window of a run that
    /// ended at <paramref name="end"/>.</summary>
    public (double Cpu, double Mem) MeanUtilisation(Time end)
    {
        Integrate();
        double span = (Window.EndIn(end) - Window.From).Seconds;
        return span <= 0 ? (0, 0) : (_utilCpuIntegral / span, _utilMemIntegral / span);
    }

    /// <summary>Adds the current utilisation over the part of the time since the last change that lies in the
    /// measurement window.</summary>
    private void Integrate()
    {
        var now = _view.Loop.Now;
        var from = _lastChange > Window.From ? _lastChange : Window.From;
        var to = Window.To is { } t && t < now ? t : now;
        double dt = (to - from).Seconds;
        if (dt > 0)
        {
            var total = _view.Total;
            if (total.Cpus > 0) _utilCpuIntegral += dt * InUse.Cpus / total.Cpus;
            if (total.Mem > 0) _utilMemIntegral += dt * InUse.Mem / total.Mem;
        }
        _lastChange = now;
    }

    // ---- digest -------------------------------------------------------------------------------------

    private void Hash(int kind, long a, long b, long c, R resources)
    {
        Events++;
        var span = _digest.Reserve(64);
        BinaryPrimitives.WriteInt64LittleEndian(span, _view.Loop.Now.Micros);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], kind);
        BinaryPrimitives.WriteInt64LittleEndian(span[16..], a);
        BinaryPrimitives.WriteInt64LittleEndian(span[24..], b);
        BinaryPrimitives.WriteInt64LittleEndian(span[32..], c);
        BinaryPrimitives.WriteInt64LittleEndian(span[40..], resources.Fixed(Core.Resources.ResourceKind.Cpus));
        BinaryPrimitives.WriteInt64LittleEndian(span[48..], resources.Fixed(Core.Resources.ResourceKind.Mem));
        BinaryPrimitives.WriteInt64LittleEndian(span[56..], resources.Fixed(Core.Resources.ResourceKind.Disk));
        _digest.Commit(64);
    }

    private void HashText(string text)
    {
        var chars = text.AsSpan(0, Math.Min(text.Length, 64));
        _digest.Commit(Utf8(chars, _digest.Reserve(Encoding.UTF8.GetMaxByteCount(chars.Length))));
    }

    /// <summary>The UTF-8 bytes of <paramref name="chars"/> written to <paramref name="room"/>; their count. Task ids
    /// are ASCII, whose UTF-8 bytes are the characters narrowed: the same bytes for a fraction of the encoder's
    /// cost (two calls per task).</summary>
    internal static int Utf8(ReadOnlySpan<char> chars, Span<byte> room) =>
        Ascii.FromUtf16(chars, room, out int written) == System.Buffers.OperationStatus.Done
            ? written
            : Encoding.UTF8.GetBytes(chars, room);

    /// <summary>A fault happened (an agent, a rack, a task or the master failed): hashed into the digest, so
    /// faults are part of what proves two runs identical. Runs without faults never call this.</summary>
    public void RecordFault(string kind, string target)
    {
        Hash(6, 0, 0, 0, default);
        HashText(kind);
        HashText(target);
    }

    /// <summary>SHA-256 of the run's event stream, in hex.</summary>
    public string Digest() => _digest.CurrentHex();

    public void Dispose()
    {
        _tasks?.Dispose();
        _jobs?.Dispose();
        _digest.Dispose();
        Waits.Dispose();
        CompletionTimes.Dispose();
        foreach (var values in WaitsByFramework.Values.Concat(CompletionTimesByFramework.Values)) values.Dispose();
    }
}
