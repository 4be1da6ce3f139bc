using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Model;

namespace ClusterSim.Workloads.Frameworks;

/// <summary>
/// What every framework kind does the same way, written against the framework side of the offer protocol
/// only: it takes work as it arrives, answers offers after its decision time, follows its tasks' status
/// updates, retries what was lost, suppresses offers when it has nothing to run and revives when work comes.
/// A kind decides only which tasks go on which offers.
/// </summary>
public abstract class FrameworkScheduler : ISchedulerLink
{
    private readonly LiveTrackedTasks _live = new();
    private readonly Dictionary<string, int> _arrivalsById = new(StringComparer.Ordinal);
    private readonly HashSet<TaskId> _killing = [];
    private readonly SortedDictionary<long, TrackedJob> _openJobs = [];
    private long _arrivals;
    // Workloads still arriving; a framework whose work is pinned to roles has one per role.
    private int _openFeeds;
    private Time _busyUntil;
    private bool _suppressed;
    // Per-role suppression of a framework whose work is pinned to roles (null otherwise).
    private HashSet<string>? _suppressedRoles;
    private bool _drained;
    private bool _started;
    private bool _subscribedBefore;

    protected FrameworkScheduler(ILoop loop, ISchedulerDriver driver, FrameworkSettings settings)
    {
        Driver = driver;
        Loop = loop;
        Settings = settings;
    }

    /// <summary>The framework's only way to the master (in process or over the scheduler API).</summary>
    public ISchedulerDriver Driver { get; }
    public ILoop Loop { get; }
    public FrameworkSettings Settings { get; }
    public string Name => Settings.Name;
    public string Role => Settings.Role;
    public FrameworkId Id => Driver.Framework;
    public IWorkloadObserver? Observer { get; set; }

    /// <summary>Called once when the framework has nothing left to do (no arrivals, nothing pending or
    /// running).</summary>
    public Action? Drained { get; set; }

    /// <summary>Tasks waiting to launch, DAG-blocked ones not counted.</summary>
    public abstract int PendingTasks { get; }

    /// <summary>Tasks waiting to launch that may run in <paramref name="role"/> (all of them unless work is
    /// pinned to roles).</summary>
    public virtual int PendingTasksIn(string role) => PendingTasks;

    /// <summary>Tasks launched and not ended.</summary>
    public int LiveTasks => _live.Count;

    public int RunningTasks { get; private set; }
    public long OffersReceived { get; private set; }
    public long OffersDeclined { get; private set; }
    public long OffersRescinded { get; private set; }
    public long TasksSubmitted { get; private set; }
    public long JobsSubmitted { get; private set; }

    /// <summary>Answers to offers that took decision time, the seconds spent deciding them, and the seconds
    /// they waited for earlier decisions (a single-threaded scheduler answers one offer after another).</summary>
    public long OfferDecisions { get; private set; }
    public double DecisionSeconds { get; private set; }
    public double DecisionQueueSeconds { get; private set; }

    /// <summary>Whether the framework is done: no more arrivals and nothing pending or running.</summary>
    public virtual bool IsDrained => _openFeeds == 0 && PendingTasks == 0 && _live.Count == 0 && !HasBlockedWork;

    /// <summary>Tasks waiting for DAG parents (they count as work not yet done).</summary>
    protected int BlockedTasks { get; set; }

    /// <summary>Tasks that ended for good (<see cref="TrackedTask.IsFinal"/> set), ever: a subclass that keeps
    /// its own list of tasks can tell from it whether any of them has become final since it last looked.</summary>
    protected long TasksEndedForGood { get; private set; }

    private bool HasBlockedWork => BlockedTasks > 0;

    /// <summary>Registers with the master and starts taking work from <paramref name="workload"/> (arrivals
    /// in nondecreasing submit time).</summary>
    public void Start(IEnumerable<WorkloadJob> workload) => StartWorkloads([(null, workload)]);

    /// <summary>
    /// Registers and takes work from several workloads, each pinned to one of the framework's roles (or, with
    /// a null role, free to run in any): a MULTI_ROLE framework with a workload per role runs each role's work
    /// only on offers made to that role, and suppresses and revives each role on its own (SUPPRESS and REVIVE
    /// with roles; Mesos's hierarchical.cpp suppressRoles/reviveRoles).
    /// </summary>
    public void StartWorkloads(IReadOnlyList<(string? Role, IEnumerable<WorkloadJob> Jobs)> workloads)
    {
        Driver.Subscribe(Settings.Info(), this);
        if (workloads.Any(w => w.Role != null)) _suppressedRoles = new HashSet<string>(StringComparer.Ordinal);
        _openFeeds = workloads.Count;
        foreach (var (role, jobs) in workloads) ScheduleNextArrival(new Feed(role, jobs.GetEnumerator()));
        OnStarted();
        _started = true;
        CheckDemand();
    }

    /// <summary>One workload being read: its jobs in submit order, and the role they are pinned to.</summary>
    private sealed class Feed(string? role, IEnumerator<WorkloadJob> jobs)
    {
        public string? Role { get; } = role;
        public IEnumerator<WorkloadJob> Jobs { get; } = jobs;
    }

    /// <summary>Whether work is pinned to roles (a workload per role).</summary>
    protected bool PinsWorkToRoles => _suppressedRoles != null;

    /// <summary>The master gave the framework its id: ask for offers now if there is work (live, the
    /// subscription is answered after work may already have arrived); subscribed again, suppress them if there
    /// is none.</summary>
    public void Subscribed(FrameworkId framework)
    {
        // Subscribed again (after a master failover): the new master has it unsuppressed, so it suppresses
        // again if it has nothing to run.
        if (_subscribedBefore)
        {
            _suppressed = false;
            _suppressedRoles?.Clear();
        }
        _subscribedBefore = true;
        if (_started) CheckDemand();
    }

    protected virtual void OnStarted()
    {
    }

    private void ScheduleNextArrival(Feed feed)
    {
        if (!feed.Jobs.MoveNext())
        {
            _openFeeds--;
            feed.Jobs.Dispose();
            return;
        }
        var job = feed.Jobs.Current;
        Loop.At(job.Submit, () =>
        {
            Arrive(job, feed.Role);
            ScheduleNextArrival(feed);
            CheckDemand();
        });
    }

    /// <summary>Takes a job in as if it had arrived now (pinned to <paramref name="role"/> when given).</summary>
    protected void Arrive(WorkloadJob source, string? role = null)
    {
        // A trace job may arrive in several parts (Google resubmissions); each part gets its own id. Generated
        // ids never recur and are not remembered, so a long run keeps nothing per job done.
        int part = 0;
        if (!source.IdIsUnique)
        {
            part = _arrivalsById.TryGetValue(source.Id, out var n) ? n + 1 : 0;
            _arrivalsById[source.Id] = part;
        }
        var job = new TrackedJob(source, part == 0 ? source.Id : $"{source.Id}.{part}") { Role = role };
        // Waiting tasks are made when they launch where the kind queues whole jobs (and no scheduler outside
        // the framework looks at them): on a loaded cluster most tasks wait for hours (see QueuedWork).
        if (DefersTasks && CellScheduler == null && TrackedJob.CanDefer(source)) job.Defer();
        else
        {
            job.MakeTasks();
            BuildBarriers(job);
        }
        job.Sequence = _arrivals++;
        JobsSubmitted++;
        TasksSubmitted += job.TaskCount;
        Observer?.JobArrived(this, job);
        if (job.TaskCount == 0)
        {
            job.End = Loop.Now;
            Observer?.JobEnded(this, job);
            return;
        }
        _openJobs.Add(job.Sequence, job);
        Accept(job);
        CellScheduler?.Queued(this, job);
    }

    /// <summary>A job arrived: queue what may run now (DAG-blocked tasks wait for their parents). A job
    /// that defers its tasks (<see cref="DefersTasks"/>) has them not made yet: it queues as one entry.</summary>
    protected abstract void Accept(TrackedJob job);

    /// <summary>Whether the kind queues a job's waiting tasks as one entry (<see cref="PendingQueue"/>), so
    /// they need not be made before they launch.</summary>
    protected virtual bool DefersTasks => false;

    /// <summary>A task that may run (again) now: its parents finished, or its last attempt was lost.</summary>
    protected abstract void Requeue(TrackedTask task);

    private void BuildBarriers(TrackedJob job)
    {
        foreach (var task in job.Tasks)
        {
            var parents = task.Parents;
            if (parents.Count == 0) continue;
            job.Barriers ??= new Dictionary<IReadOnlyList<int>, DagBarrier>(ReferenceEqualityComparer.Instance);
            job.ParentOf ??= new List<DagBarrier>[job.Tasks.Length];
            if (!job.Barriers.TryGetValue(parents, out var barrier))
            {
                barrier = new DagBarrier(parents.Count);
                job.Barriers.Add(parents, barrier);
                foreach (int p in parents)
                    (job.ParentOf[p] ??= []).Add(barrier);
            }
            barrier.Waiting.Add(task);
            task.Blocked = true;
            BlockedTasks++;
        }
    }

    // ---- answering offers ---------------------------------------------------------------------------

    public void ResourceOffers(IReadOnlyList<Offer> offers)
    {
        OffersReceived += offers.Count;
        if (!UsesAgentsUnderMaintenance) offers = DeclineUnderMaintenance(offers);
        OnOffers(offers);
        CheckDemand();
    }

    // ---- maintenance --------------------------------------------------------------------------------

    /// <summary>
    /// Whether offers of agents with a maintenance window are used. Batch tasks are: a task killed when the
    /// machine goes down runs again elsewhere. Gangs and services decline them (a gang loses every member
    /// when one goes, a service instance would have to move).
    /// </summary>
    protected virtual bool UsesAgentsUnderMaintenance => true;

    private IReadOnlyList<Offer> DeclineUnderMaintenance(IReadOnlyList<Offer> offers)
    {
        bool any = false;
        for (int i = 0; i < offers.Count && !any; i++) any = offers[i].Unavailability != null;
        if (!any) return offers;
        var kept = new List<Offer>(offers.Count);
        foreach (var offer in offers)
        {
            if (offer.Unavailability == null) kept.Add(offer);
            else DeclineOffer(offer);
        }
        return kept;
    }

    /// <summary>
    /// Inverse offers are accepted, with a filter until the window ends so that the master does not ask again
    /// every run: every kind lets the machine go (what runs there is killed at the window and run again, or
    /// restarted elsewhere), and the gang and service kinds stop taking offers there.
    /// </summary>
    public void InverseOffers(IReadOnlyList<InverseOffer> offers)
    {
        foreach (var offer in offers)
        {
            var end = offer.Unavailability.Start + offer.Unavailability.Duration;
            var refuse = end > Loop.Now ? end - Loop.Now : Duration.Zero;
            Driver.AcceptInverseOffers([offer.Id], new OfferFilter(refuse));
        }
    }

    /// <summary>Decide what to do with new offers: Launch, <see cref="DeclineOffer"/> or hold.</summary>
    protected abstract void OnOffers(IReadOnlyList<Offer> offers);

    /// <summary>
    /// Launches <paramref name="tasks"/> on <paramref name="offer"/> after the decision time; what they leave
    /// is declined with the framework's filter. The tasks count as live from now.
    /// </summary>
    protected void Launch(Offer offer, IReadOnlyList<TrackedTask> tasks) => Launch(offer, [offer.Id], tasks);

    protected void Launch(IReadOnlyList<Offer> offers, IReadOnlyList<TrackedTask> tasks) => Launch(offers[0], IdsOf(offers), tasks);

    // The ids are a new array on every launch: a driver may hold them (a decision time, a delayed link).
    private void Launch(Offer first, OfferId[] ids, IReadOnlyList<TrackedTask> tasks)
    {
        var specs = Track(first.AgentInfo.Name, tasks, first.Role);
        if (Settings.DecisionTime.IsNone) Driver.Accept(ids, specs, Settings.Refuse);
        else AcceptAfterDecision(ids, specs, JobsOf(tasks));
    }

    /// <summary>The tasks count as live on <paramref name="agent"/> from now; what to ask the master to launch.</summary>
    private TaskSpec[] Track(string agent, IReadOnlyList<TrackedTask> tasks, string? role)
    {
        var specs = new TaskSpec[tasks.Count];
        for (int i = 0; i < tasks.Count; i++)
        {
            var t = tasks[i];
            t.Attempts++;
            t.State = TaskState.Staging;
            t.Agent = agent;
            t.Role = role;
            _live.Add(t);
            specs[i] = new TaskSpec(t.Id, t.Request, t.Duration, Fails: t.EndsAs == TaskOutcome.Failed)
            {
                Container = Settings.Container,
                FrameworkRecord = t,
            };
        }
        return specs;
    }

    /// <summary>How many jobs the tasks belong to (tasks of one job are adjacent as queues hold them; a job
    /// counted twice only when its tasks are not).</summary>
    private static int JobsOf(IReadOnlyList<TrackedTask> tasks)
    {
        int jobs = 0;
        for (int i = 0; i < tasks.Count; i++)
            if (i == 0 || tasks[i].Job != tasks[i - 1].Job) jobs++;
        return jobs;
    }

    // ---- placed by a scheduler outside the framework (monolithic, shared state) ----------------------

    /// <summary>The scheduler that places this framework's jobs when the architecture is not two-level
    /// (null: the framework places its work itself on the offers it gets).</summary>
    public ICellScheduler? CellScheduler { get; set; }

    /// <summary>Whether <paramref name="task"/> waits to be placed: not launched, not ended, not DAG-blocked.</summary>
    public static bool IsWaiting(TrackedTask task) => task.State == null && !task.IsFinal && !task.Blocked;

    /// <summary>
    /// A scheduler outside the framework placed <paramref name="tasks"/> on <paramref name="agent"/>: they
    /// leave the framework's queue and count as live from now; returns what to ask the master to launch.
    /// </summary>
    public TaskSpec[] Place(string agent, IReadOnlyList<TrackedTask> tasks)
    {
        foreach (var task in tasks) task.Queue?.Remove(task);
        return Track(agent, tasks, null);
    }

    /// <summary>How far down the queue one offer looks for tasks that fit, so a long queue of tasks too big
    /// for small offers does not make each offer cost the whole queue.</summary>
    private const int ScanLimit = 4096;

    /// <summary>
    /// On each offer, launches as many queued tasks as fit (at most MaxTasksPerOffer), oldest first, skipping
    /// ones too big for what is left; declines an offer nothing fits.
    /// </summary>
    protected void LaunchFromQueue(IReadOnlyList<Offer> offers, PendingQueue queue)
    {
        // What an offer takes is copied into the tasks' specs at launch, so one list serves every offer (taken
        // while in use, so that a launch that led back here would get a list of its own).
        var picked = _picked ?? [];
        _picked = null;
        for (int o = 0; o < offers.Count; o++)
        {
            var offer = offers[o];
            picked.Clear();
            var left = offer.Resources;
            int limit = Settings.MaxTasksPerOffer ?? int.MaxValue;
            int scanned = 0;
            // A task holds at least what it asks for, so once what is left is below the queue's floor in some
            // resource no queued task fits: stopping there gives the same picks as scanning on.
            var floor = queue.Floor;
            for (var work = queue.First; work != null && picked.Count < limit && scanned < ScanLimit;)
            {
                if (!left.Contains(floor)) break;
                var next = PendingQueue.NextOf(work);
                if (work is TrackedTask task)
                {
                    var holds = Footprint(task.Request);
                    if (left.Contains(holds))
                    {
                        left -= holds;
                        queue.Remove(task);
                        picked.Add(task);
                    }
                    scanned++;
                }
                else if (!TakeDeferred(queue, (TrackedJob)work, ref left, floor, limit, ref scanned, picked)) break;
                work = next;
            }
            if (picked.Count == 0) DeclineOffer(offer);
            else Launch(offer, picked);
        }
        picked.Clear();
        _picked = picked;
    }

    private List<TrackedTask>? _picked = [];

    /// <summary>
    /// The task-by-task scan over a queued deferred job's tasks: takes them first to last while they fit, and
    /// counts each one left as scanned, as that scan would. They all ask for the same, so once one does not fit
    /// none of the rest does, and what is left, the floor test and the picks stay as they are while it counts
    /// them. False when the scan must stop here (what is left is below the floor).
    /// </summary>
    private bool TakeDeferred(PendingQueue queue, TrackedJob job, ref Core.Resources.Resources left,
        Core.Resources.Resources floor, int limit, ref int scanned, List<TrackedTask> picked)
    {
        var holds = Footprint(job.DeferredRequest);
        for (int n = job.DeferredCount; n > 0 && picked.Count < limit && scanned < ScanLimit; n--)
        {
            if (!left.Contains(floor)) return false;
            if (!left.Contains(holds))
            {
                scanned += Math.Min(n, ScanLimit - scanned);
                return true;
            }
            left -= holds;
            picked.Add(queue.TakeDeferred(job));
            scanned++;
        }
        return true;
    }

    /// <summary>What a task holds once launched: its demand, or whole slots under the slots policy.</summary>
    protected Core.Resources.Resources Footprint(Core.Resources.Resources demand) => Driver.Footprint(demand);

    /// <summary>Declines an offer nothing fits (after the decision time) with the framework's decline filter.</summary>
    protected void DeclineOffer(Offer offer)
    {
        OffersDeclined++;
        if (Settings.DecisionTime.IsNone) Driver.Decline(offer.Id, DeclineFilter);
        else DeclineAfterDecision([offer.Id], DeclineFilter);
    }

    protected void DeclineOffers(IReadOnlyList<Offer> offers)
    {
        if (offers.Count == 0) return;
        OffersDeclined += offers.Count;
        if (Settings.DecisionTime.IsNone)
            for (int i = 0; i < offers.Count; i++) Driver.Decline(offers[i].Id, DeclineFilter);
        else DeclineAfterDecision(IdsOf(offers), DeclineFilter);
    }

    /// <summary>The filter for an offer declined whole.</summary>
    private OfferFilter DeclineFilter => Settings.DeclineRefuse ?? Settings.Refuse;

    // The closures live in methods of their own: C# makes a method's closure object on entry, and most
    // frameworks answer at once, with no closure at all.
    private void AcceptAfterDecision(OfferId[] ids, TaskSpec[] specs, int jobs) =>
        AfterDecision(Settings.DecisionTime.For(jobs, specs.Length), () => Driver.Accept(ids, specs, Settings.Refuse));

    private void DeclineAfterDecision(OfferId[] ids, OfferFilter filter) =>
        AfterDecision(Settings.DecisionTime.For(0), () => Driver.Decline(ids, filter));

    private static OfferId[] IdsOf(IReadOnlyList<Offer> offers)
    {
        var ids = new OfferId[offers.Count];
        for (int i = 0; i < ids.Length; i++) ids[i] = offers[i].Id;
        return ids;
    }

    /// <summary>A single-threaded scheduler answers offers one after another, each after its own
    /// decision time (callers answer at once when there is none, without making a closure).</summary>
    private void AfterDecision(Duration decision, Action answer)
    {
        var start = Time.Max(Loop.Now, _busyUntil);
        DecisionQueueSeconds += (start - Loop.Now).Seconds;
        DecisionSeconds += decision.Seconds;
        OfferDecisions++;
        _busyUntil = start + decision;
        Loop.At(_busyUntil, () =>
        {
            if (Driver.IsSubscribed) answer();
        });
    }

    public void OfferRescinded(OfferId offer)
    {
        OffersRescinded++;
        OnRescinded(offer);
    }

    protected virtual void OnRescinded(OfferId offer)
    {
    }

    /// <summary>Kills a live task on purpose; it ends for good when its KILLED update arrives.</summary>
    protected void Kill(TrackedTask task)
    {
        if (!task.IsLive) return;
        _killing.Add(task.Id);
        Driver.Kill(task.Id);
    }

    /// <summary>Kills a live task so that it runs again: its KILLED update requeues it as a lost task is
    /// (a gang restarting whole after losing a member).</summary>
    protected void KillToRestart(TrackedTask task)
    {
        if (task.IsLive) Driver.Kill(task.Id);
    }

    // ---- following tasks ----------------------------------------------------------------------------

    public void StatusUpdate(StatusUpdate update)
    {
        // Acknowledged on receipt: the framework's own state is what it keeps of the update (Mesos frameworks
        // acknowledge once they have handled it; handling here is synchronous).
        Driver.Acknowledge(update);
        switch (update.State)
        {
            case TaskState.Staging:
                return;
            case TaskState.Running:
                if (_live.Find(update.FrameworkRecord, update.Task) is not { } started) return;
                started.State = TaskState.Running;
                started.Start = update.At;
                started.Job.FirstStart ??= update.At;
                RunningTasks++;
                OnTaskStarted(started);
                return;
        }

        // An end: the task leaves the live ones.
        if (_live.Find(update.FrameworkRecord, update.Task) is not { } task) return;
        _live.Remove(task);
        if (task.State == TaskState.Running) RunningTasks--;
        bool killedOnPurpose = _killing.Count > 0 && _killing.Remove(task.Id);
        bool expected = update.State == TaskState.Finished
                        || killedOnPurpose
                        || (update.State == TaskState.Failed && task.EndsAs == TaskOutcome.Failed);
        if (!expected && task.Attempts <= Settings.MaxRetries)
        {
            // Lost with its agent, or failed unexpectedly: run it again, as Mesos frameworks do.
            task.State = null;
            task.Start = null;
            task.Agent = null;
            Requeue(task);
            CellScheduler?.Queued(this, task.Job);
            OnTaskEnded(task);
            CheckDemand();
            return;
        }
        task.State = update.State;
        task.End = update.At;
        EndForGood(task);
        OnTaskEnded(task);
        CheckDemand();
    }

    protected virtual void OnTaskStarted(TrackedTask task)
    {
    }

    protected virtual void OnTaskEnded(TrackedTask task)
    {
    }

    /// <summary>The task will not run again: counts it, unblocks its DAG children when it finished, and
    /// ends its job when it was the last.</summary>
    protected void EndForGood(TrackedTask task)
    {
        task.IsFinal = true;
        TasksEndedForGood++;
        var job = task.Job;
        job.Ended++;
        if (task.State == TaskState.Finished) job.Finished++;
        else job.Failed++;
        Observer?.TaskEnded(this, task);
        if (job.ParentOf?[task.Index] is { } barriers)
        {
            foreach (var barrier in barriers)
            {
                // A parent that did not finish still releases its children: the job's DAG would otherwise
                // never drain. The job is reported FAILED either way.
                if (--barrier.Remaining > 0) continue;
                foreach (var child in barrier.Waiting)
                {
                    child.Blocked = false;
                    BlockedTasks--;
                    Requeue(child);
                    CellScheduler?.Queued(this, child.Job);
                }
            }
        }
        if (job.IsDone)
        {
            job.End = Loop.Now;
            _openJobs.Remove(job.Sequence);
            Observer?.JobEnded(this, job);
        }
    }

    /// <summary>Job ids remembered to number later arrivals of the same id (ids that may recur, as a trace's).</summary>
    internal int RememberedJobIds => _arrivalsById.Count;

    /// <summary>Jobs not yet done, in arrival order, for the outputs written at the end of a run.</summary>
    public IEnumerable<TrackedJob> OpenJobs => _openJobs.Values;

    /// <summary>Tasks that are not final now, in arrival order, for the outputs written at the end of a run.
    /// A deferred job's tasks not launched yet are made now; those launched and not done are live or queued
    /// again (its job keeps no reference to them).</summary>
    public IEnumerable<TrackedTask> UnfinishedTasks()
    {
        var launched = new Dictionary<TrackedJob, List<TrackedTask>>(ReferenceEqualityComparer.Instance);
        foreach (var task in _live.Values.Concat(QueuedAgain()))
        {
            if (!task.Job.Defers) continue;
            if (!launched.TryGetValue(task.Job, out var list)) launched.Add(task.Job, list = []);
            list.Add(task);
        }
        foreach (var job in _openJobs.Values)
        {
            if (!job.Defers)
            {
                foreach (var task in job.Tasks)
                    if (!task.IsFinal) yield return task;
                continue;
            }
            if (launched.TryGetValue(job, out var made))
                foreach (var task in made.OrderBy(t => t.Index)) yield return task;
            for (int i = job.DeferredFrom; i < job.TaskCount; i++) yield return job.Make(i);
        }
    }

    /// <summary>Tasks launched before and waiting to launch again (of jobs that defer their tasks).</summary>
    protected virtual IEnumerable<TrackedTask> QueuedAgain() => [];

    /// <summary>Whether a status update without the framework's record (or a lookup by id) has made its live
    /// tasks' index by id (for tests).</summary>
    internal bool LiveTasksIndexedById => _live.IsIndexedById;

    /// <summary>Tasks launched and not ended, in a stable order.</summary>
    protected IEnumerable<TrackedTask> Live => _live.Values;

    /// <summary>Tasks running now in <paramref name="role"/> (launched on an offer of that role); all running
    /// tasks for a framework in one role. Counted over the live tasks: for outputs, not the hot path.</summary>
    public int RunningTasksIn(string role)
    {
        if (Settings.Roles.Count == 1) return string.Equals(role, Role, StringComparison.Ordinal) ? RunningTasks : 0;
        int n = 0;
        foreach (var t in _live.Values)
            if (t.State == TaskState.Running && string.Equals(t.Role ?? Role, role, StringComparison.Ordinal)) n++;
        return n;
    }

    /// <summary>The role a live task was launched in (its offer's role); null for a task not live.</summary>
    public string? RoleOfLiveTask(TaskId task) => _live.Find(task) is { } t ? t.Role ?? Role : null;

    /// <summary>The workload task a live task runs (its request, duration, trace usage); null when not live.</summary>
    public WorkloadTask? WorkOfLiveTask(TaskId task) => _live.Find(task) is { } t ? t.Spec : null;

    // ---- demand -------------------------------------------------------------------------------------

    /// <summary>Whether the framework wants offers now.</summary>
    protected virtual bool WantsOffers => PendingTasks > 0;

    /// <summary>Suppresses offers when there is nothing to launch, revives when there is again (Mesos's
    /// SUPPRESS and REVIVE), and reports when the framework has drained.</summary>
    protected void CheckDemand()
    {
        if (!Driver.IsSubscribed) return;
        if (_suppressedRoles != null) CheckDemandPerRole();
        else CheckDemandWhole();
        if (!_drained && IsDrained)
        {
            _drained = true;
            Drained?.Invoke();
        }
        else if (_drained && !IsDrained)
        {
            _drained = false;
        }
    }

    /// <summary>Whether the framework wants offers made to <paramref name="role"/> now (work pinned to roles).</summary>
    protected virtual bool WantsOffersIn(string role) => WantsOffers;

    /// <summary>Suppresses each role with nothing to launch in it, revives each that has work again.</summary>
    private void CheckDemandPerRole()
    {
        List<string>? revive = null, suppress = null;
        foreach (var role in Settings.Roles)
        {
            bool wants = WantsOffersIn(role) || !Settings.SuppressWhenIdle;
            if (wants && _suppressedRoles!.Remove(role)) (revive ??= []).Add(role);
            else if (!wants && _suppressedRoles!.Add(role)) (suppress ??= []).Add(role);
        }
        if (revive != null) Driver.Revive(revive);
        if (suppress != null) Driver.Suppress(suppress);
    }

    private void CheckDemandWhole()
    {
        bool wants = WantsOffers || !Settings.SuppressWhenIdle;
        if (wants && _suppressed)
        {
            _suppressed = false;
            Driver.Revive();
        }
        else if (!wants && !_suppressed)
        {
            _suppressed = true;
            Driver.Suppress();
        }
    }
}
