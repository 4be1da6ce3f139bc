using ClusterSim.Allocators;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Model;
using ClusterSim.Workloads.Frameworks;
using ClusterSim.Workloads.Model;
using ClusterSim.Workloads.Traces;
using MathNet.Numerics.Statistics;

namespace ClusterSim.Experiments.Running;

/// <summary>
/// What a simulated and a live run share, so that the allocator, the offers and the frameworks are the very
/// same code in both modes: the master with the variant's allocator, the recorder, one scheduler per
/// framework fed by its workload, the sampler, and the summary. Only the loop (given) and the agents (added
/// by the caller between construction and <see cref="StartFrameworks"/>) differ. Everything here runs on the
/// loop's thread.
/// </summary>
public sealed class ClusterRun : IDisposable
{
    private readonly ExperimentSpec _spec;
    private readonly long _seed;
    private readonly string? _directory;
    private readonly List<FrameworkScheduler> _frameworks = [];
    private Sampler? _sampler;
    private string[] _roles = [];

    private readonly ILoop _loop;
    private readonly Func<FrameworkSpec, ISchedulerDriver> _driverFor;
    private readonly Func<Core.Resources.Resources> _clusterSize;

    /// <summary>A run that hosts its master (simulation, and <c>run --live</c> without <c>--master</c>): builds
    /// the allocator and the master, starts the master's allocation timer, and gives each framework an
    /// in-process driver.</summary>
    public ClusterRun(ExperimentSpec spec, long seed, string? directory, ILoop loop)
    {
        _spec = spec;
        _seed = seed;
        _directory = directory;
        _loop = loop;
        if (directory != null) Directory.CreateDirectory(directory);
        var allocator = AllocationPolicies.Create(loop, spec.Allocation, spec.Policy, seed);
        foreach (var (role, roleSpec) in spec.Roles)
        {
            allocator.UpdateWeight(role, roleSpec.Weight);
            if (roleSpec.Quota != Quota.None) allocator.SetQuota(role, roleSpec.Quota);
        }
        var master = new Master(loop, allocator, spec.Allocation);
        Master = master;
        View = new MasterView(master, spec.Policy.FairnessExcluded);
        Recorder = new RunRecorder(View, directory);
        master.AddListener(Recorder);
        master.Start();
        foreach (var e in spec.Events) loop.At(e.At, () => Apply(master, e));
        _driverFor = _ => new InProcessSchedulerDriver(master);
        _clusterSize = () => master.Allocator.Total;
    }

    /// <summary>A run against a standing master it does not host (<c>run --live --master URL</c>): each
    /// framework gets the driver <paramref name="driverFor"/> makes (an HTTP client of the scheduler API),
    /// watched by the recorder as a master listener would watch it.</summary>
    public ClusterRun(ExperimentSpec spec, long seed, string? directory, ILoop loop, RemoteClusterView view,
        Func<FrameworkSpec, ISchedulerDriver> driverFor)
    {
        _spec = spec;
        _seed = seed;
        _directory = directory;
        _loop = loop;
        if (directory != null) Directory.CreateDirectory(directory);
        View = view;
        Recorder = new RunRecorder(view, directory);
        _driverFor = f =>
        {
            var observed = new ObservedDriver(driverFor(f), loop, Recorder);
            view.Add(observed);
            return observed;
        };
        _clusterSize = () => view.Total;
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

    /// <summary>The run's own master; null when it runs against a standing one.</summary>
    public Master? Master { get; }

    /// <summary>What the recorder and the sampler read of the cluster.</summary>
    public IClusterView View { get; }
    public RunRecorder Recorder { get; }
    public IReadOnlyList<FrameworkScheduler> Frameworks => _frameworks;

    /// <summary>True once every batch and gang framework has run all its work (and there is no service).</summary>
    public bool AllDrained { get; private set; }

    /// <summary>Called when <see cref="AllDrained"/> becomes true.</summary>
    public Action? Drained { get; set; }

    /// <summary>Called after each sample with the time reached, for progress displays.</summary>
    public Action<Time>? Sampled { get; set; }

    /// <summary>Creates the frameworks and the sampler, then feeds each framework its workload.</summary>
    public void StartFrameworks()
    {
        int busy = 0;
        foreach (var f in _spec.Frameworks)
        {
            var scheduler = CreateFramework(f);
            scheduler.Observer = Recorder;
            if (f.Kind != FrameworkKind.Service)
            {
                busy++;
                scheduler.Drained = () =>
                {
                    if (--busy != 0 || _frameworks.Any(x => x is ServiceFramework)) return;
                    AllDrained = true;
                    Drained?.Invoke();
                };
            }
            _frameworks.Add(scheduler);
        }
        _roles = _spec.Frameworks.Select(f => f.Settings.Role).Distinct().Order(StringComparer.Ordinal).ToArray();
        _sampler = new Sampler(View, Recorder, _frameworks, _roles, _spec.Sample, _directory);
        Recorder.Window = _spec.Measure;
        _sampler.Sampled = now => Sampled?.Invoke(now);
        _sampler.Start();
        for (int i = 0; i < _frameworks.Count; i++) _frameworks[i].Start(Workload(_spec.Frameworks[i]));
    }

    /// <summary>Takes the last sample, writes what is unfinished and sums the run up; time-averaged metrics
    /// cover the measurement window (<see cref="ExperimentSpec.Measure"/>).</summary>
    public RunResult Finish(Time end, long events, double wallSeconds)
    {
        var sampler = _sampler ?? throw new InvalidOperationException("the frameworks were never started");
        if (sampler.Samples.Count == 0 || sampler.Samples[^1].TimeSeconds < end.Seconds) sampler.Record();
        Recorder.Finish(_frameworks, end);
        var (cpu, mem) = Recorder.MeanUtilisation(end);
        var measured = sampler.InWindow(_spec.Measure, end);
        var meanShares = MeanRoleShares(measured, s => s.RoleShares);
        var summary = new RunSummary
        {
            Variant = _spec.Variant,
            Seed = _seed,
            Policy = _spec.Policy.Name,
            JobsSubmitted = _frameworks.Where(f => f is not ServiceFramework).Sum(f => f.JobsSubmitted),
            JobsCompleted = Recorder.JobsCompleted,
            TasksSubmitted = _frameworks.Sum(f => f.TasksSubmitted),
            TasksCompleted = Recorder.TasksCompleted,
            TasksLost = Recorder.TasksLost,
            TasksNeverStarted = Recorder.TasksNeverStarted,
            MakespanSeconds = Recorder.MakespanSeconds,
            CpuUtilisationMean = cpu,
            MemUtilisationMean = mem,
            JctMean = Mean(Recorder.CompletionTimes),
            JctP50 = Quantile(Recorder.CompletionTimes, 0.5),
            JctP95 = Quantile(Recorder.CompletionTimes, 0.95),
            WaitMean = Mean(Recorder.Waits),
            WaitP95 = Quantile(Recorder.Waits, 0.95),
            JainFairness = MeanOf(measured, s => s.Fairness),
            JainMeanShares = Jain(meanShares),
            OffersSent = Recorder.OffersSent,
            OffersDeclined = Recorder.OffersDeclined,
            OffersRescinded = Recorder.OffersRescinded,
            ServiceUtilisationMean = MeanOf(measured, s => s.ServiceUtilisation),
            UnservedLoadMean = MeanOf(measured, s => s.UnservedLoad),
            Breakdown = Breakdown(meanShares, MeanRoleShares(measured, s => s.RoleDominantShares)),
        };
        return new RunResult(summary, _roles, sampler.Samples, Recorder.CompletionTimes.ToArray(), Recorder.Waits.ToArray(),
            Recorder.Digest(), events, end.Seconds, wallSeconds);
    }

    /// <summary>A framework of the experiment, talking to the master through its own driver only. It is
    /// told the cluster's size as an operator would tell it (what the master has registered when the work
    /// starts), not given the master.</summary>
    private FrameworkScheduler CreateFramework(FrameworkSpec spec)
    {
        var loop = _loop;
        var driver = _driverFor(spec);
        var settings = spec.Settings with { ClusterCapacity = _clusterSize() };
        return spec.Kind switch
        {
            FrameworkKind.Batch => new BatchFramework(loop, driver, settings),
            FrameworkKind.Gang => new GangFramework(loop, driver, settings, spec.HoldTimeout, spec.Backfill),
            FrameworkKind.Service => new ServiceFramework(loop, driver, settings, spec.Service!),
            _ => throw new ArgumentOutOfRangeException(nameof(spec)),
        };
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
    private IReadOnlyList<(string, double)> Breakdown(double[] shares, double[] dominantShares)
    {
        var rows = new List<(string, double)>();
        for (int i = 0; i < _roles.Length; i++) rows.Add(($"share_mean:{_roles[i]}", shares[i]));
        foreach (var f in _frameworks.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var waits = Recorder.WaitsByFramework.GetValueOrDefault(f.Name) ?? [];
            rows.Add(($"wait_mean_s:{f.Name}", Mean(waits)));
            rows.Add(($"wait_p95_s:{f.Name}", Quantile(waits, 0.95)));
            rows.Add(($"tasks_never_started:{f.Name}", Recorder.TasksNeverStartedByFramework.GetValueOrDefault(f.Name)));
            if (f is ServiceFramework) continue;
            var jct = Recorder.CompletionTimesByFramework.GetValueOrDefault(f.Name) ?? [];
            rows.Add(($"jct_mean_s:{f.Name}", Mean(jct)));
            rows.Add(($"jct_p95_s:{f.Name}", Quantile(jct, 0.95)));
        }
        for (int i = 0; i < _roles.Length; i++) rows.Add(($"dominant_share_mean:{_roles[i]}", dominantShares[i]));
        return rows;
    }

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

    private static double Quantile(List<double> values, double q) =>
        values.Count == 0 ? double.NaN : values.ToArray().Quantile(q);

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
        Recorder.Dispose();
    }
}
