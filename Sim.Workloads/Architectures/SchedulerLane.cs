using ClusterSim.Core.Cell;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Random;
using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Frameworks;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Workloads.Architectures;

/// <summary>
/// One single-threaded scheduler over the cell: the monolithic scheduler (one lane for every framework) or
/// one framework's Omega scheduler (a lane each). Jobs queue in the order their tasks became waiting; the lane
/// takes one job at a time, decides its placement against the cell as it is when the decision starts (its
/// snapshot), is busy for the job's decision time t_job + t_task x tasks, then commits. A commit checks each
/// agent's claim against the cell as it is now (<see cref="ConflictDetection"/>) and commits all or only the
/// claims that do not conflict (<see cref="CommitMode"/>); conflicting tasks are tried again at once, ahead of
/// the queue, as the Omega paper's schedulers retry a job (Schwarzkopf et al., EuroSys 2013, section 4). Tasks
/// that fit no agent wait until resources are released. With one lane nothing else claims during a decision,
/// so a monolithic scheduler never conflicts.
/// </summary>
public sealed class SchedulerLane : ICellScheduler
{
    private readonly ILoop _loop;
    private readonly CellState _cell;
    private readonly PlacementStrategy _strategy;
    private readonly ConflictDetection _conflicts;
    private readonly CommitMode _commit;
    private readonly RandomStream _random;
    private readonly LinkedList<Entry> _queue = new();
    private readonly HashSet<TrackedJob> _queued = new(ReferenceEqualityComparer.Instance);
    private readonly List<Entry> _waiting = [];
    private readonly HashSet<TrackedJob> _placed = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, (double Sum, long Count)> _placement = new(StringComparer.Ordinal);
    private readonly Dictionary<int, (R Free, int Tasks)> _trial = [];
    private bool _busy;
    private Time _busySince;
    private Duration _busyDone;
    private readonly Dictionary<string, (double Sum, long Count)> _queueWait = new(StringComparer.Ordinal);

    public SchedulerLane(string name, ILoop loop, CellState cell, PlacementStrategy strategy,
        ConflictDetection conflicts, CommitMode commit, RandomStream random)
    {
        Name = name;
        _loop = loop;
        _cell = cell;
        _strategy = strategy;
        _conflicts = conflicts;
        _commit = commit;
        _random = random;
    }

    /// <summary>"monolithic", or the framework's name for its own shared-state scheduler.</summary>
    public string Name { get; }

    /// <summary>Decisions made (one per job taken off the queue, retries included).</summary>
    public long Decisions { get; private set; }

    /// <summary>Commits that met at least one conflicting claim.</summary>
    public long Conflicts { get; private set; }

    /// <summary>Tasks decided again because their claim conflicted.</summary>
    public long Retries { get; private set; }

    /// <summary>Mean time a job of <paramref name="framework"/> waited in the lane's queue before a decision
    /// about it started (each decision counts, retries included; NaN when none).</summary>
    public double QueueWaitMean(string framework) =>
        _queueWait.TryGetValue(framework, out var w) && w.Count > 0 ? w.Sum / w.Count : double.NaN;

    /// <summary>Seconds the lane was deciding up to <paramref name="end"/>.</summary>
    public double BusySeconds(Time end) =>
        (_busyDone + (_busy && end > _busySince ? end - _busySince : Duration.Zero)).Seconds;

    /// <summary>Mean time from a job's submission to the commit that placed its last waiting task, per
    /// framework (NaN when none was placed).</summary>
    public double PlacementMean(string framework) =>
        _placement.TryGetValue(framework, out var p) && p.Count > 0 ? p.Sum / p.Count : double.NaN;

    public IEnumerable<string> PlacedFrameworks => _placement.Keys;

    public void Queued(FrameworkScheduler framework, TrackedJob job)
    {
        if (_queued.Add(job)) _queue.AddLast(new Entry(framework, job, _loop.Now));
        TryStart();
    }

    /// <summary>Resources came back to the cell: jobs that fitted nowhere are queued again.</summary>
    public void Released()
    {
        if (_waiting.Count == 0) return;
        foreach (var entry in _waiting)
            if (_queued.Add(entry.Job)) _queue.AddLast(entry with { QueuedAt = _loop.Now });
        _waiting.Clear();
        TryStart();
    }

    private void TryStart()
    {
        while (!_busy && _queue.First is { } node)
        {
            _queue.RemoveFirst();
            var entry = node.Value;
            _queued.Remove(entry.Job);
            var tasks = entry.Job.Tasks.Where(FrameworkScheduler.IsWaiting).ToList();
            if (tasks.Count == 0) continue;
            Decisions++;
            var w = _queueWait.GetValueOrDefault(entry.Framework.Name);
            _queueWait[entry.Framework.Name] = (w.Sum + (_loop.Now - entry.QueuedAt).Seconds, w.Count + 1);
            var claims = Decide(entry.Framework, tasks, out var unplaced);
            var decision = entry.Framework.Settings.DecisionTime.ForJob(tasks.Count);
            _busy = true;
            _busySince = _loop.Now;
            _loop.At(_loop.Now + decision, () => Commit(entry, claims, unplaced, decision));
        }
    }

    /// <summary>Places each task on an agent by the strategy, against the cell as it is now plus this
    /// decision's own earlier placements; remembers each agent's sequence number for the commit.</summary>
    private List<Claim> Decide(FrameworkScheduler framework, List<TrackedTask> tasks, out List<TrackedTask> unplaced)
    {
        _trial.Clear();
        var claims = new Dictionary<int, Claim>();
        var order = new List<Claim>();
        unplaced = [];
        foreach (var task in tasks)
        {
            var need = framework.Driver.Footprint(task.Request);
            int agent = Pick(need);
            if (agent < 0)
            {
                unplaced.Add(task);
                continue;
            }
            var (free, count) = Trial(agent);
            _trial[agent] = (free - need, count + 1);
            if (!claims.TryGetValue(agent, out var claim))
            {
                claim = new Claim(new AgentId(agent), _cell.Sequence(new AgentId(agent)));
                claims.Add(agent, claim);
                order.Add(claim);
            }
            claim.Tasks.Add(task);
            claim.Resources += need;
        }
        return order;
    }

    private (R Free, int Tasks) Trial(int agent) =>
        _trial.TryGetValue(agent, out var t) ? t : (_cell.Free(new AgentId(agent)), _cell.TasksOn(new AgentId(agent)));

    /// <summary>The agent the strategy picks for a task holding <paramref name="need"/>, or -1 when none fits.</summary>
    private int Pick(R need)
    {
        int best = -1, fits = 0;
        double bestScore = double.NegativeInfinity;
        for (int a = 0; a < _cell.AgentSlots; a++)
        {
            var id = new AgentId(a);
            if (!_cell.IsRegistered(id)) continue;
            var (free, tasks) = Trial(a);
            if (!free.Contains(need)) continue;
            switch (_strategy)
            {
                case PlacementStrategy.Random:
                    // One pass, uniform over the fitting agents: keep the k-th with probability 1/k.
                    if (_random.Next(++fits) == 0) best = a;
                    break;
                case PlacementStrategy.Spread:
                    if (-tasks > bestScore) (best, bestScore) = (a, -tasks);
                    break;
                default:
                    var total = _cell.TotalOf(id);
                    double used = (total - free).MaxShareOf(total);
                    if (used > bestScore) (best, bestScore) = (a, used);
                    break;
            }
        }
        return best;
    }

    private void Commit(Entry entry, List<Claim> claims, List<TrackedTask> unplaced, Duration decision)
    {
        _busy = false;
        _busyDone += decision;
        var framework = entry.Framework;
        var driver = (CellDriver)framework.Driver;
        var conflicting = new List<Claim>();
        foreach (var claim in claims)
        {
            bool fits = _cell.IsRegistered(claim.Agent) && _cell.Free(claim.Agent).Contains(claim.Resources);
            bool unchanged = _conflicts == ConflictDetection.ResourceFit || _cell.Sequence(claim.Agent) == claim.Sequence;
            if (!fits || !unchanged) conflicting.Add(claim);
        }
        // Tasks may have ended or been killed while the lane decided: only those still waiting are launched.
        bool rejectAll = conflicting.Count > 0 && _commit == CommitMode.AllOrNothing;
        foreach (var claim in claims)
        {
            if (rejectAll || conflicting.Contains(claim)) continue;
            var tasks = claim.Tasks.Where(FrameworkScheduler.IsWaiting).ToList();
            if (tasks.Count == 0) continue;
            var resources = tasks.Aggregate(R.Empty, (sum, t) => sum + framework.Driver.Footprint(t.Request));
            var specs = framework.Place(_cell.NameOf(claim.Agent), tasks);
            driver.Commit(claim.Agent, specs, resources);
        }
        if (conflicting.Count > 0)
        {
            Conflicts++;
            Retries += (rejectAll ? claims : conflicting).Sum(c => c.Tasks.Count(FrameworkScheduler.IsWaiting));
            if (_queued.Add(entry.Job)) _queue.AddFirst(entry with { QueuedAt = _loop.Now });
        }
        else if (unplaced.Any(FrameworkScheduler.IsWaiting))
        {
            if (!_queued.Contains(entry.Job)) _waiting.Add(entry);
        }
        if (!entry.Job.Tasks.Any(FrameworkScheduler.IsWaiting) && _placed.Add(entry.Job))
        {
            var p = _placement.GetValueOrDefault(framework.Name);
            _placement[framework.Name] = (p.Sum + (_loop.Now - entry.Job.Submit).Seconds, p.Count + 1);
        }
        TryStart();
    }

    private sealed record Entry(FrameworkScheduler Framework, TrackedJob Job, Time QueuedAt);

    private sealed class Claim(AgentId agent, long sequence)
    {
        public AgentId Agent { get; } = agent;
        public long Sequence { get; } = sequence;
        public List<TrackedTask> Tasks { get; } = [];
        public R Resources { get; set; }
    }
}
