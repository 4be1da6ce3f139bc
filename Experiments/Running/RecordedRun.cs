using ClusterSim.Allocators;
using ClusterSim.Core.Cell;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Faults;
using ClusterSim.Experiments.Model;
using ClusterSim.Workloads.Architectures;
using ClusterSim.Workloads.Frameworks;
using ClusterSim.Workloads.Model;
using ClusterSim.Workloads.Traces;
using MathNet.Numerics.Statistics;

namespace ClusterSim.Experiments.Running;

/// <summary>
/// One run of an experiment variant, recorded: the cluster the frameworks connect to (a
/// <see cref="HostedCluster"/> built from the variant's allocation policy and roles, or a
/// <see cref="StandingCluster"/> reached over HTTP), the <see cref="FrameworkFleet"/> fed by the variant's
/// workloads, and what measures them (the recorder, the sampler, the summary). The seam itself (endpoint,
/// drivers, fleet) lives in Sim.Core and Sim.Workloads; this class only wires an experiment onto it. Only
/// the loop (given) and the agents (added by the caller between construction and
/// <see cref="StartFrameworks"/>) differ between modes. Everything here runs on the loop's thread.
/// </summary>
public sealed class RecordedRun : IDisposable
{
    private readonly ExperimentSpec _spec;
    private readonly long _seed;
    private readonly string? _directory;
    private readonly FrameworkFleet _fleet;
    private readonly CellCluster? _cell;
    private Sampler? _sampler;
    private string[] _roles = [];

    /// <summary>A run that hosts its master (simulation, and <c>run --live</c> without <c>--master</c>): the
    /// variant's allocator under a <see cref="HostedCluster"/>, whose allocation timer starts here.</summary>
    /// <param name="endpoint">What frameworks connect through, made from the hosted cluster (a simulation
    /// that delays messages wraps it); the cluster itself when null.</param>
    /// <param name="agents">Live agents estimate their slack and evict revocable tasks themselves.</param>
    public RecordedRun(ExperimentSpec spec, long seed, string? directory, ILoop loop,
        Func<HostedCluster, IClusterEndpoint>? endpoint = null, AgentKind agents = AgentKind.Simulated)
    {
        _spec = spec;
        _seed = seed;
        _directory = directory;
        if (directory != null) Directory.CreateDirectory(directory);
        // Monolithic and shared-state runs put the cell's state under the same master in place of the
        // two-level allocator, and their schedulers in a CellCluster the fleet connects to.
        var cell = spec.Architecture.Kind == ArchitectureKind.TwoLevel ? null : new CellState();
        Core.Allocation.IAllocator allocator = cell ?? AllocationPolicies.Create(loop, spec.Allocation, spec.Policy, seed);
        // Oversubscription keeps revocable resources in an allocator of their own around the regular one.
        if (spec.Oversubscription != null && cell == null) allocator = new Allocators.Oversubscription.RevocableAllocator(allocator, loop);
        var cluster = new HostedCluster(loop, allocator, spec.Allocation, spec.Roles);
        if (cell != null) _cell = new CellCluster(loop, cluster, cell, spec.Architecture, seed);
        var master = cluster.Master;
        Master = master;
        View = new MasterView(master, spec.Policy.FairnessExcluded);
        Recorder = new RunRecorder(View, directory);
        master.AddListener(Recorder);
        if (spec.RecordsFaults)
        {
            Faults = new FaultLedger(loop, Recorder, directory);
            master.AddListener(Faults);
        }
        if (spec.OversubscriptionMetrics) Oversubscription = new OversubscriptionRecord(loop, master, allocator, spec, seed, agents);
        cluster.Start();
        // Fault events are the simulation's to carry out (FaultInjector): they need the simulated agents.
        foreach (var e in spec.Events)
            if (e.Kind < ClusterEventKind.FailAgent) loop.At(e.At, () => Apply(master, e));
        // Under another architecture the frameworks connect to its cell; framework message delays
        // (faults.messages) wrap the two-level endpoint only.
        _fleet = new FrameworkFleet(loop, (IClusterEndpoint?)_cell ?? endpoint?.Invoke(cluster) ?? cluster);
    }

    /// <summary>A run against a standing master it does not host (<c>run --live --master URL</c>): each
    /// framework gets the driver <paramref name="connect"/> makes (an HTTP client of the scheduler API),
    /// watched by the recorder as a master listener would watch it.</summary>
    public RecordedRun(ExperimentSpec spec, long seed, string? directory, ILoop loop, RemoteClusterView view,
        Func<string, ISchedulerDriver> connect)
    {
        _spec = spec;
        _seed = seed;
        _directory = directory;
        if (directory != null) Directory.CreateDirectory(directory);
        View = view;
        Recorder = new RunRecorder(view, directory);
        var cluster = new StandingCluster(name =>
        {
            var observed = new ObservedDriver(connect(name), loop, Recorder);
            view.Add(observed);
            return observed;
        }, () => view.Total);
        _fleet = new FrameworkFleet(loop, cluster);
    }

    /// <summary>Operator actions that could not be carried out (nothing free to reserve, agent gone).</summary>
    public int FailedEvents { get; private set; }

    /// <summary>Carries out an operator action; one that cannot be done is skipped, as an operator's failed
    /// request would be, and counted.</summary>
    private void Apply(Master master, ClusterEvent e)
    {
        switch (e.Kind)
        {
            case ClusterEventKind.SetQuota:
                master.SetQuota(e.Role, e.Quota!);
                break;
            case ClusterEventKind.SetWeight:
                master.SetWeight(e.Role, e.Weight);
                break;
            case ClusterEventKind.Framework:
                if (!FrameworkEventAction.Apply(master, e.Framework!)) FailedEvents++;
                break;
            case ClusterEventKind.Maintenance:
                if (!MaintenanceEventAction.Apply(master, e.Maintenance!)) FailedEvents++;
                break;
            case ClusterEventKind.Agent:
                if (!AgentEventAction.Apply(master, e.AgentEvent!)) FailedEvents++;
                break;
            default:
                if (!master.TryFindAgent(e.Agent!, out var agent))
                {
                    FailedEvents++;
                    break;
                }
                try
                {
                    if (e.Kind == ClusterEventKind.Reserve) master.Reserve(agent, e.Role, e.Resources);
                    else master.Unreserve(agent, e.Role, e.Resources);
                }
                catch (InvalidOperationException)
                {
                    FailedEvents++;
                }
                break;
        }
    }

    /// <summary>What faults cost the run; null unless the experiment records faults.</summary>
    public FaultLedger? Faults { get; }

    /// <summary>Usage, revocable resources and evictions; null unless some variant of the file oversubscribes.</summary>
    public OversubscriptionRecord? Oversubscription { get; }

    /// <summary>The run's own master; null when it runs against a standing one.</summary>
    public Master? Master { get; }

    /// <summary>What the recorder and the sampler read of the cluster.</summary>
    public IClusterView View { get; }
    public RunRecorder Recorder { get; }
    public IReadOnlyList<FrameworkScheduler> Frameworks => _fleet.Frameworks;

    /// <summary>True once every batch and gang framework has run all its work (and there is no service).</summary>
    public bool AllDrained => _fleet.AllDrained;

    /// <summary>Called when <see cref="AllDrained"/> becomes true.</summary>
    public Action? Drained
    {
        get => _fleet.Drained;
        set => _fleet.Drained = value;
    }

    /// <summary>Called after each sample with the time reached, for progress displays.</summary>
    public Action<Time>? Sampled { get; set; }

    /// <summary>Connects the frameworks and starts the sampler, then feeds each framework its workload.</summary>
    public void StartFrameworks()
    {
        foreach (var f in _spec.Frameworks)
        {
            var service = f.Service is { Requests: not null } s ? s with { Seed = _seed } : f.Service;
            var framework = _fleet.Add(f.Kind, f.Settings, f.HoldTimeout, f.Backfill, service);
            framework.Observer = Recorder;
            if (framework is ServiceFramework { Traffic: { } traffic })
                traffic.Window = (_spec.Measure.From.Seconds, _spec.Measure.To?.Seconds);
            // A gang hit by a fault restarts whole; kept to runs with faults so that the others replay as before.
            if (framework is GangFramework gang) gang.RestartWhole = _spec.RecordsFaults;
        }
        _roles = _spec.Frameworks.SelectMany(f => f.Settings.Roles).Distinct().Order(StringComparer.Ordinal).ToArray();
        // Tasks of MULTI_ROLE frameworks are accounted in the role of the offer they were launched on.
        if (_fleet.Frameworks.Any(f => f.Settings.Roles.Count > 1))
        {
            var byId = new Dictionary<int, FrameworkScheduler>();
            Recorder.RoleOfTask = (framework, task) =>
            {
                if (!byId.TryGetValue(framework.Value, out var f))
                {
                    f = _fleet.Frameworks.FirstOrDefault(x => x.Id == framework);
                    if (f == null) return null;
                    byId[framework.Value] = f;
                }
                return f.Settings.Roles.Count > 1 ? f.RoleOfLiveTask(task) : null;
            };
        }
        // Tasks of a trace with a usage table use what the trace measured; the others their framework's draw.
        if (Oversubscription is { } oversubscription && _spec.Frameworks.Any(f => f.Workload?.Trace?.Usage != null ||
                (f.RoleWorkloads?.Any(w => w.Workload.Trace?.Usage != null) ?? false)))
            oversubscription.TraceUsage = (framework, task) =>
                _fleet.Frameworks.FirstOrDefault(f => f.Id == framework)?.WorkOfLiveTask(task)?.Usage;
        _sampler = new Sampler(View, Recorder, _fleet.Frameworks, _roles, _spec.Sample, _directory, Faults);
        Recorder.Window = _spec.Measure;
        _sampler.Sampled = now => Sampled?.Invoke(now);
        _sampler.Start();
        for (int i = 0; i < _fleet.Frameworks.Count; i++)
        {
            var spec = _spec.Frameworks[i];
            if (spec.RoleWorkloads is { } pinned)
                _fleet.Frameworks[i].StartWorkloads(pinned.Select(w => ((string?)w.Role, Pinned(spec, w.Role, w.Workload))).ToArray());
            else _fleet.Frameworks[i].Start(Workload(spec));
        }
    }

    /// <summary>Takes the last sample, writes what is unfinished and sums the run up; time-averaged metrics
    /// cover the measurement window (<see cref="ExperimentSpec.Measure"/>).</summary>
    public RunResult Finish(Time end, long events, double wallSeconds)
    {
        var sampler = _sampler ?? throw new InvalidOperationException("the frameworks were never started");
        if (sampler.Samples.Count == 0 || sampler.Samples[^1].TimeSeconds < end.Seconds) sampler.Record();
        Recorder.Finish(_fleet.Frameworks, end);
        Oversubscription?.Write(_directory);
        var (cpu, mem) = Recorder.MeanUtilisation(end);
        var measured = sampler.InWindow(_spec.Measure, end);
        var meanShares = MeanRoleShares(measured, s => s.RoleShares);
        var summary = new RunSummary
        {
            Variant = _spec.Variant,
            Seed = _seed,
            Policy = _cell == null ? _spec.Policy.Name : _spec.Architecture.ToString(),
            JobsSubmitted = _fleet.Frameworks.Where(f => f is not ServiceFramework).Sum(f => f.JobsSubmitted),
            JobsCompleted = Recorder.JobsCompleted,
            TasksSubmitted = _fleet.Frameworks.Sum(f => f.TasksSubmitted),
            TasksCompleted = Recorder.TasksCompleted,
            TasksLost = Recorder.TasksLost,
            TasksNeverStarted = Recorder.TasksNeverStarted,
            MakespanSeconds = Recorder.MakespanSeconds,
            CpuUtilisationMean = cpu,
            MemUtilisationMean = mem,
            JctMean = Recorder.CompletionTimes.Mean,
            JctP50 = Recorder.CompletionTimes.Quantile(0.5),
            JctP95 = Recorder.CompletionTimes.Quantile(0.95),
            WaitMean = Recorder.Waits.Mean,
            WaitP95 = Recorder.Waits.Quantile(0.95),
            JainFairness = MeanOf(measured, s => s.Fairness),
            JainMeanShares = Jain(meanShares),
            OffersSent = Recorder.OffersSent,
            OffersDeclined = Recorder.OffersDeclined,
            OffersRescinded = Recorder.OffersRescinded,
            ServiceUtilisationMean = MeanOf(measured, s => s.ServiceUtilisation),
            UnservedLoadMean = MeanOf(measured, s => s.UnservedLoad),
            Breakdown = [.. Breakdown(meanShares, MeanRoleShares(measured, s => s.RoleDominantShares), end), .. SchedulerMetrics(end),
                .. Oversubscription?.Metrics(end) ?? []],
            Faults = Faults?.Cost(end),
        };
        return new RunResult(summary, _roles, sampler.Samples, Recorder.CompletionTimes.ToArrayIfInMemory() ?? [],
            Recorder.Waits.ToArrayIfInMemory() ?? [],
            Recorder.Digest(), events, end.Seconds, wallSeconds)
        { Faults = Faults?.Records.ToArray() ?? [] };
    }

    /// <summary>A role's workload of a framework with work per role: its synthetic draws come from a stream of
    /// its own (the framework's for its first role, as with one workload; framework@role for the others), and its
    /// job ids start with the role and a colon, so the roles' jobs never share ids.</summary>
    private IEnumerable<WorkloadJob> Pinned(FrameworkSpec spec, string role, WorkloadSpec workload)
    {
        var stream = role == spec.Settings.Role ? spec.Settings.Name : $"{spec.Settings.Name}@{role}";
        var jobs = workload.Synthetic is { } synthetic ? synthetic.Generate(_seed, stream)
            : workload.Trace is { } trace ? TraceOpener.Open(trace).ReadJobs(new TraceReport())
            : [];
        return jobs.Select(j => j with { Id = $"{role}:{j.Id}" });
    }

    private IEnumerable<WorkloadJob> Workload(FrameworkSpec spec)
    {
        if (spec.Workload?.Synthetic is { } synthetic) return synthetic.Generate(_seed, spec.Settings.Name);
        if (spec.Workload?.Trace is { } trace) return TraceOpener.Open(trace).ReadJobs(new TraceReport());
        return [];
    }

    /// <summary>Metrics per framework (waits, completion times, tasks never started) and per role (mean
    /// weighted and unweighted dominant share of what its tasks use), so a report can say whether one team's
    /// gain was another's loss.</summary>
    private IReadOnlyList<(string, double)> Breakdown(double[] shares, double[] dominantShares, Time end)
    {
        var rows = new List<(string, double)>();
        for (int i = 0; i < _roles.Length; i++) rows.Add(($"share_mean:{_roles[i]}", shares[i]));
        foreach (var f in _fleet.Frameworks.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var waits = Recorder.WaitsByFramework.GetValueOrDefault(f.Name);
            rows.Add(($"wait_mean_s:{f.Name}", waits?.Mean ?? double.NaN));
            rows.Add(($"wait_p95_s:{f.Name}", waits?.Quantile(0.95) ?? double.NaN));
            rows.Add(($"tasks_never_started:{f.Name}", Recorder.TasksNeverStartedByFramework.GetValueOrDefault(f.Name)));
            if (f is ServiceFramework service)
            {
                if (service.Traffic is { } traffic) rows.AddRange(RequestMetrics(service, traffic, end));
                continue;
            }
            var jct = Recorder.CompletionTimesByFramework.GetValueOrDefault(f.Name);
            rows.Add(($"jct_mean_s:{f.Name}", jct?.Mean ?? double.NaN));
            rows.Add(($"jct_p95_s:{f.Name}", jct?.Quantile(0.95) ?? double.NaN));
        }
        for (int i = 0; i < _roles.Length; i++) rows.Add(($"dominant_share_mean:{_roles[i]}", dominantShares[i]));
        return rows;
    }

    /// <summary>A request-driven service's latency (mean exact; p95 and p99 from a histogram, within 0.4%),
    /// its requests completed, dropped and dropped at a full queue, its mean serving instances and its
    /// scaling actions, over the measurement window.</summary>
    private static IEnumerable<(string, double)> RequestMetrics(ServiceFramework service, Workloads.Services.RequestTraffic traffic, Time end)
    {
        traffic.SettleAll();
        var name = service.Name;
        return
        [
            ($"latency_mean_s:{name}", traffic.Latency.Mean),
            ($"latency_p95_s:{name}", traffic.Latency.Quantile(0.95)),
            ($"latency_p99_s:{name}", traffic.Latency.Quantile(0.99)),
            ($"requests_completed:{name}", traffic.Completed),
            ($"requests_dropped:{name}", traffic.Dropped),
            ($"requests_queue_full:{name}", traffic.QueueFull),
            ($"instances_mean:{name}", traffic.MeanServing(end.Seconds)),
            ($"scaling_actions:{name}", service.ScalingActions),
        ];
    }


    /// <summary>
    /// What each scheduler did, the same rows in every variant of a file that compares architectures (NaN
    /// where a row does not apply): busy fraction of the monolithic scheduler and of each framework's
    /// scheduler (under offers: the share of the run it spent deciding), mean time a job (under offers: an
    /// answer) waited in its scheduler's queue, mean time from submission to placement, and for shared state
    /// the commits that met a conflict and the tasks decided again because of one.
    /// </summary>
    private IEnumerable<(string, double)> SchedulerMetrics(Time end)
    {
        if (!_spec.SchedulerMetrics) yield break;
        double seconds = end.Seconds;
        var monolithic = _cell?.Architecture.Kind == ArchitectureKind.Monolithic && _cell.Lanes.Count > 0 ? _cell.Lanes[0] : null;
        yield return ("scheduler_busy:monolithic", monolithic == null ? double.NaN : Fraction(monolithic.BusySeconds(end), seconds));
        foreach (var f in _fleet.Frameworks.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var own = _cell?.Architecture.Kind == ArchitectureKind.SharedState ? _cell.Lanes.FirstOrDefault(l => l.Name == f.Name) : null;
            var lane = own ?? monolithic;
            yield return ($"scheduler_busy:{f.Name}", _cell == null ? Fraction(f.DecisionSeconds, seconds)
                : own == null ? double.NaN : Fraction(own.BusySeconds(end), seconds));
            yield return ($"scheduler_queue_mean_s:{f.Name}", _cell == null
                ? (f.OfferDecisions == 0 ? double.NaN : f.DecisionQueueSeconds / f.OfferDecisions)
                : lane?.QueueWaitMean(f.Name) ?? double.NaN);
            yield return ($"placement_mean_s:{f.Name}", lane?.PlacementMean(f.Name) ?? double.NaN);
            yield return ($"conflicts:{f.Name}", own?.Conflicts ?? double.NaN);
            yield return ($"retries:{f.Name}", own?.Retries ?? double.NaN);
            // The Omega paper's conflict fraction: commits that met a conflict per decision made.
            yield return ($"conflict_fraction:{f.Name}", own == null || own.Decisions == 0 ? double.NaN : (double)own.Conflicts / own.Decisions);
        }
    }

    private static double Fraction(double busy, double seconds) => seconds <= 0 ? double.NaN : Math.Min(1, busy / seconds);

    /// <summary>Each role's mean share over the samples.</summary>
    private double[] MeanRoleShares(IReadOnlyList<Sample> samples, Func<Sample, double[]> shares) =>
        Enumerable.Range(0, _roles.Length).Select(i => samples.Count == 0 ? 0 : samples.Average(s => shares(s)[i])).ToArray();

    /// <summary>The mean of a sampled value over the samples where it is defined (NaN when it never is).</summary>
    private static double MeanOf(IReadOnlyList<Sample> samples, Func<Sample, double> value)
    {
        var defined = samples.Select(value).Where(v => !double.IsNaN(v)).ToList();
        return Mean(defined);
    }

    private static double Mean(List<double> values) => values.Count == 0 ? double.NaN : values.Mean();


    /// <summary>
    /// Jain's fairness index over the roles' mean weighted dominant shares: (sum x)^2 / (n sum x^2), 1 when
    /// every role got the same weighted share (Jain, Chiu and Hawe, 1984).
    /// </summary>
    public static double Jain(IReadOnlyList<double> shares)
    {
        if (shares.Count == 0) return double.NaN;
        double sum = shares.Sum(), squares = shares.Sum(x => x * x);
        return squares == 0 ? double.NaN : sum * sum / (shares.Count * squares);
    }

    public void Dispose()
    {
        _sampler?.Dispose();
        Faults?.Dispose();
        Recorder.Dispose();
    }
}
