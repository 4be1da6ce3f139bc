using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Workloads.Frameworks;

/// <summary>
/// A rigid gang framework (MPI-like): a job starts only when all its tasks can start at once. It holds
/// offers while it assembles enough for the job at the head of its FIFO queue, launches all of them together
/// when it can, and releases what it holds after <see cref="HoldTimeout"/> if it cannot. Holding offers is
/// what makes such frameworks hoard resources under offer-based scheduling; the simulator reproduces it.
/// A MULTI_ROLE gang framework whose work is pinned to roles places each gang only on offers made to its job's
/// role (offers accepted together are for one role, Mesos's offer validation; each gang is launched per offer),
/// holds only offers of roles with gangs waiting and declines the others at once; its queue is FIFO within each
/// role (a gang that does not fit blocks only its own role's).
/// </summary>
public sealed class GangFramework(ILoop loop, ISchedulerDriver driver, FrameworkSettings settings, Duration holdTimeout,
    bool backfill = false) : FrameworkScheduler(loop, driver, settings)
{
    /// <summary>How many queued gangs behind a blocked head are tried when backfilling.</summary>
    private const int BackfillDepth = 256;

    private readonly LinkedList<List<TrackedTask>> _gangs = new();
    // What is held, and a spare list that takes its place while the held offers are declined (Release), so that
    // releasing copies nothing.
    private List<Offer> _held = [], _spare = [];
    private TimerId _holdTimer = TimerId.None;
    private int _pending;
    private R[] _left = [], _trial = [];
    private int[] _where = [];
    private List<TrackedTask>?[] _placed = [];

    public Duration HoldTimeout { get; } = holdTimeout;

    /// <summary>
    /// When the gang at the head cannot be placed, later gangs that fit what is held start instead (first
    /// fit over the queue, as aggressive backfilling does); without it the queue is strictly FIFO.
    /// </summary>
    public bool Backfill { get; } = backfill;

    public override int PendingTasks => _pending;

    // Tasks of waiting gangs pinned to a role (a workload per role), by role, and their sum.
    private readonly Dictionary<string, int> _pinned = new(StringComparer.Ordinal);
    private int _pinnedTotal;

    public override int PendingTasksIn(string role) => _pending - _pinnedTotal + _pinned.GetValueOrDefault(role);

    protected override bool WantsOffersIn(string role) => PendingTasksIn(role) > 0;

    private void CountPending(List<TrackedTask> gang, int sign)
    {
        _pending += sign * gang.Count;
        if (gang[0].Job.Role is not { } role) return;
        _pinned[role] = _pinned.GetValueOrDefault(role) + sign * gang.Count;
        _pinnedTotal += sign * gang.Count;
    }

    /// <summary>Whether the gang may use the held offer: any offer, unless its job is pinned to another role.</summary>
    private bool MayUse(List<TrackedTask> gang, int offer) => gang[0].Job.Role is not { } role || _held[offer].Role == role;

    protected override void Accept(TrackedJob job)
    {
        var gang = job.Tasks.Where(t => !t.Blocked).ToList();
        var need = gang.Aggregate(R.Empty, (s, t) => s + Footprint(t.Request));
        if (Settings.ClusterCapacity is { } capacity && !capacity.Contains(need))
        {
            // A gang bigger than the whole cluster can never start; holding offers for it would starve
            // everyone behind it forever. The framework knows the cluster's size as its operator configured
            // it (an MPI user knows the machine), not by looking at the master's books.
            foreach (var task in gang)
            {
                task.State = TaskState.Failed;
                task.End = Loop.Now;
                EndForGood(task);
            }
            return;
        }
        Enqueue(gang);
    }

    /// <summary>
    /// Whether a gang that loses a member restarts whole, as a rigid (MPI-like) job must: its other live
    /// members are killed and the gang queued again once all are back. Without it only the lost task is
    /// queued again. Runs with faults set it.
    /// </summary>
    public bool RestartWhole { get; set; }

    // Members of gangs restarting whole, gathered until none of the gang is live.
    private readonly Dictionary<TrackedJob, List<TrackedTask>> _restarting = new(ReferenceEqualityComparer.Instance);

    protected override void Requeue(TrackedTask task)
    {
        // A task released by its DAG parents has never run (Attempts 0): it joins the queue alone.
        if (!RestartWhole || task.Attempts == 0)
        {
            Enqueue([task]);
            return;
        }
        var job = task.Job;
        if (!_restarting.TryGetValue(job, out var gathered)) _restarting.Add(job, gathered = []);
        gathered.Add(task);
        var others = Live.Where(t => t.Job == job && t != task).ToArray();
        if (others.Length == 0)
        {
            _restarting.Remove(job);
            Enqueue(gathered);
            return;
        }
        foreach (var other in others)
            if (_killingToRestart.Add(other)) KillToRestart(other);
    }

    private readonly HashSet<TrackedTask> _killingToRestart = new(ReferenceEqualityComparer.Instance);

    protected override void OnTaskEnded(TrackedTask task)
    {
        _killingToRestart.Remove(task);
        // A member killed to restart that had no retries left ends for good: the rest go without it.
        if (RestartWhole && task.IsFinal && _restarting.TryGetValue(task.Job, out var gathered)
            && !Live.Any(t => t.Job == task.Job))
        {
            _restarting.Remove(task.Job);
            Enqueue(gathered);
        }
    }

    private void Enqueue(List<TrackedTask> gang)
    {
        if (gang.Count == 0) return;
        _gangs.AddLast(gang);
        CountPending(gang, +1);
        if (_held.Count > 0) Place();
    }

    protected override bool UsesAgentsUnderMaintenance => false;

    protected override void OnOffers(IReadOnlyList<Offer> offers)
    {
        if (PinsWorkToRoles)
        {
            // Offers of a role with no gang waiting would only be hoarded.
            var unwanted = offers.Where(o => PendingTasksIn(o.Role) == 0).ToArray();
            if (unwanted.Length > 0)
            {
                DeclineOffers(unwanted);
                offers = offers.Where(o => PendingTasksIn(o.Role) > 0).ToArray();
                if (offers.Count == 0) return;
            }
        }
        if (_held.Count == 0 && _gangs.Count > 0)
            _holdTimer = Loop.After(HoldTimeout, Release);
        _held.AddRange(offers);
        Place();
    }

    protected override void OnRescinded(OfferId offer) => _held.RemoveAll(o => o.Id == offer);

    /// <summary>Places whole gangs, oldest first, on the held offers (first fit); launches what was placed,
    /// keeps holding for the next gang, and declines everything once the queue is empty.</summary>
    private void Place()
    {
        // What is left of each held offer, and a trial copy for the gang being fitted: buffers kept across
        // calls, as a gang framework re-places on every batch of offers it gets.
        int held = _held.Count;
        var left = Buffer(ref _left, held);
        var trial = Buffer(ref _trial, held);
        for (int j = 0; j < held; j++) left[j] = _held[j].Resources;
        var placed = Buffer(ref _placed, held);
        bool any = false;
        int tried = 0;
        // Roles whose head gang did not fit: with work pinned to roles the queue is FIFO within each role, as a
        // gang of one role can never use another role's offers.
        HashSet<string>? blocked = null;
        for (var node = _gangs.First; node != null && tried < BackfillDepth; tried++)
        {
            var next = node.Next;
            var gang = node.Value;
            var role = gang[0].Job.Role;
            if (role != null && blocked != null && blocked.Contains(role))
            {
                node = next;
                continue;
            }
            Array.Copy(left, trial, held);
            var where = Buffer(ref _where, gang.Count);
            bool fits = true;
            for (int i = 0; i < gang.Count && fits; i++)
            {
                var need = Footprint(gang[i].Request);
                int j = 0;
                while (j < held && (!trial[j].Contains(need) || !MayUse(gang, j))) j++;
                if (j == held) fits = false;
                else
                {
                    trial[j] -= need;
                    where[i] = j;
                }
            }
            if (!fits)
            {
                if (!Backfill)
                {
                    if (role == null) break;
                    (blocked ??= new HashSet<string>(StringComparer.Ordinal)).Add(role);
                }
                node = next;
                continue;
            }
            (left, trial) = (trial, left);
            for (int i = 0; i < gang.Count; i++) (placed[where[i]] ??= []).Add(gang[i]);
            CountPending(gang, -1);
            _gangs.Remove(node);
            any = true;
            node = next;
        }
        if (any)
        {
            // Launches on the offers gangs were placed on; the others stay held, in the order they came.
            int kept = 0;
            for (int j = 0; j < held; j++)
            {
                if (placed[j] is not { } tasks)
                {
                    _held[kept++] = _held[j];
                    continue;
                }
                placed[j] = null;
                Launch(_held[j], tasks);
            }
            _held.RemoveRange(kept, held - kept);
            Loop.Cancel(_holdTimer);
            _holdTimer = _held.Count > 0 && _gangs.Count > 0 ? Loop.After(HoldTimeout, Release) : TimerId.None;
        }
        if (_gangs.Count == 0) Release();
        else if (PinsWorkToRoles && _held.Any(o => PendingTasksIn(o.Role) == 0))
        {
            var unwanted = _held.Where(o => PendingTasksIn(o.Role) == 0).ToArray();
            _held.RemoveAll(o => PendingTasksIn(o.Role) == 0);
            DeclineOffers(unwanted);
        }
    }

    private static T[] Buffer<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new T[Math.Max(length, buffer.Length * 2)];
        return buffer;
    }

    /// <summary>Gives back everything held: the gang could not be assembled in time, or nothing is waiting.</summary>
    private void Release()
    {
        Loop.Cancel(_holdTimer);
        _holdTimer = TimerId.None;
        if (_held.Count == 0) return;
        var offers = _held;
        (_held, _spare) = (_spare, offers);
        DeclineOffers(offers);
        offers.Clear();
        CheckDemand();
    }
}
