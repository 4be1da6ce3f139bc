using System.Diagnostics;
using ClusterSim.Allocators;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Resources;
using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Model;
using ClusterSim.Workloads.Frameworks;
using ClusterSim.Workloads.Model;
using ClusterSim.Workloads.Traces;
using MathNet.Numerics.Statistics;

namespace ClusterSim.Experiments.Running;

/// <summary>
/// One simulated run of one variant with one seed: builds the loop, the master with the variant's
/// allocator, the agents and one scheduler per framework fed by its workload, runs until all work is done
/// or the horizon, and writes the run's CSV files. Single-threaded and deterministic.
/// </summary>
public sealed class SimulationRun
{
    private readonly ExperimentSpec _spec;
    private readonly long _seed;
    private readonly string? _directory;
    private readonly RunProgress? _progress;

    public SimulationRun(ExperimentSpec spec, long seed, string? directory, RunProgress? progress = null)
    {
        _spec = spec;
        _seed = seed;
        _directory = directory;
        _progress = progress;
    }

    public RunResult Execute()
    {
        var wall = Stopwatch.StartNew();
        if (_directory != null) Directory.CreateDirectory(_directory);
        var loop = new SimLoop();
        var allocator = AllocationPolicies.Create(loop, _spec.Allocation, _seed);
        foreach (var (role, spec) in _spec.Roles)
        {
            allocator.UpdateWeight(role, spec.Weight);
            if (spec.Quota != Core.Allocation.Quota.None) allocator.SetQuota(role, spec.Quota);
        }
        var master = new Master(loop, allocator, _spec.Allocation);
        using var recorder = new RunRecorder(master, _directory);
        master.AddListener(recorder);
        master.Start();

        var agents = new Dictionary<string, SimulatedAgent>(StringComparer.Ordinal);
        AddStaticAgents(loop, master, agents);
        if (_spec.Cluster.FromTrace is { } machines) ReplayMachines(loop, master, agents, machines);

        foreach (var e in _spec.Events) loop.At(e.At, () => Apply(master, e));

        var frameworks = new List<FrameworkScheduler>();
        int busy = 0;
        bool allDrained = false;
        foreach (var f in _spec.Frameworks)
        {
            var scheduler = CreateFramework(master, f);
            scheduler.Observer = recorder;
            if (f.Kind != FrameworkKind.Service)
            {
                busy++;
                scheduler.Drained = () =>
                {
                    if (--busy == 0 && frameworks.All(x => x is not ServiceFramework)) allDrained = true;
                };
            }
            frameworks.Add(scheduler);
        }
        var roles = _spec.Frameworks.Select(f => f.Settings.Role).Distinct().Order(StringComparer.Ordinal).ToArray();
        using var sampler = new Sampler(master, recorder, frameworks, roles, _spec.Sample, _directory);
        sampler.Sampled = now => _progress?.Report(now.Seconds, recorder.TasksEnded, loop.EventsRun);
        sampler.Start();
        for (int i = 0; i < frameworks.Count; i++) frameworks[i].Start(Workload(_spec.Frameworks[i]));

        var horizon = Time.Zero + _spec.Horizon;
        while (!allDrained)
        {
            var next = loop.NextEventTime;
            if (next == null || next.Value > horizon) break;
            loop.Step();
        }
        var end = allDrained ? loop.Now : horizon;
        if (!allDrained) loop.RunUntil(horizon);
        if (sampler.Samples.Count == 0 || sampler.Samples[^1].TimeSeconds < end.Seconds) sampler.Record();
        recorder.Finish(frameworks);
        _progress?.Report(end.Seconds, recorder.TasksEnded, loop.EventsRun);

        var (cpu, mem) = recorder.MeanUtilisation(end);
        var summary = new RunSummary
        {
            Variant = _spec.Variant,
            Seed = _seed,
            Policy = _spec.Allocation.Policy,
            JobsSubmitted = frameworks.Where(f => f is not ServiceFramework).Sum(f => f.JobsSubmitted),
            JobsCompleted = recorder.JobsCompleted,
            TasksSubmitted = frameworks.Sum(f => f.TasksSubmitted),
            TasksCompleted = recorder.TasksCompleted,
            TasksLost = recorder.TasksLost,
            MakespanSeconds = end.Seconds,
            CpuUtilisationMean = cpu,
            MemUtilisationMean = mem,
            JctMean = Mean(recorder.CompletionTimes),
            JctP50 = Quantile(recorder.CompletionTimes, 0.5),
            JctP95 = Quantile(recorder.CompletionTimes, 0.95),
            WaitMean = Mean(recorder.Waits),
            WaitP95 = Quantile(recorder.Waits, 0.95),
            JainFairness = Jain(sampler.MeanRoleShares()),
            OffersSent = recorder.OffersSent,
            OffersDeclined = recorder.OffersDeclined,
            OffersRescinded = recorder.OffersRescinded,
            ServiceUtilisationMean = sampler.MeanServiceUtilisation,
            UnservedLoadMean = sampler.MeanUnservedLoad,
            Breakdown = Breakdown(frameworks, roles, recorder, sampler),
        };
        _progress?.Finish();
        return new RunResult(summary, roles, sampler.Samples, recorder.CompletionTimes.ToArray(), recorder.Waits.ToArray(),
            recorder.Digest(), loop.EventsRun, end.Seconds, wall.Elapsed.TotalSeconds);
    }

    private void AddStaticAgents(SimLoop loop, Master master, Dictionary<string, SimulatedAgent> agents)
    {
        foreach (var group in _spec.Cluster.Groups)
        {
            for (int i = 0; i < group.Count; i++)
            {
                var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal);
                foreach (var (k, v) in group.Attributes) attributes[k] = AttributeTemplate.Expand(v, i);
                var name = group.NamePrefix + i;
                var agent = new SimulatedAgent(loop, master);
                agents.Add(name, agent);
                agent.Register(new AgentInfo(name, group.Resources, attributes));
            }
        }
    }

    /// <summary>
    /// Machines from a trace join, leave and change during the run. A capacity change re-registers the
    /// machine (Mesos agents cannot change their resources in place), so its tasks are lost and rerun.
    /// </summary>
    private static void ReplayMachines(SimLoop loop, Master master, Dictionary<string, SimulatedAgent> agents, Model.TraceSource source)
    {
        var report = new TraceReport();
        var events = TraceOpener.Open(source).ReadMachines(report).GetEnumerator();
        var capacities = new Dictionary<string, Resources>(StringComparer.Ordinal);
        var empty = new SortedDictionary<string, string>(StringComparer.Ordinal);

        void Remove(string name)
        {
            if (!agents.Remove(name, out var agent)) return;
            agent.Shutdown();
            if (master.TryFindAgent(name, out var id)) master.RemoveAgent(id);
            capacities.Remove(name);
        }

        void Add(string name, Resources capacity)
        {
            var agent = new SimulatedAgent(loop, master);
            agents[name] = agent;
            capacities[name] = capacity;
            agent.Register(new AgentInfo(name, ResourceSet.Of(capacity), empty));
        }

        void Apply(MachineEvent e)
        {
            var name = "m" + e.MachineId;
            switch (e.Kind)
            {
                case MachineChange.Add:
                    Remove(name);
                    if (!e.Capacity.IsEmpty) Add(name, e.Capacity);
                    break;
                case MachineChange.Remove:
                    Remove(name);
                    break;
                case MachineChange.Update:
                    if (capacities.TryGetValue(name, out var old) && old == e.Capacity) break;
                    Remove(name);
                    if (!e.Capacity.IsEmpty) Add(name, e.Capacity);
                    break;
            }
        }

        // Machines present at the start join before any work arrives; later ones are fed one event at a time.
        void Next()
        {
            while (events.MoveNext())
            {
                var e = events.Current;
                if (e.At > loop.Now)
                {
                    loop.At(e.At, () =>
                    {
                        Apply(e);
                        Next();
                    });
                    return;
                }
                Apply(e);
            }
            events.Dispose();
        }
        Next();
    }

    /// <summary>Carries out an operator action; one that cannot be done (nothing free to reserve) is skipped,
    /// as an operator's failed request would be, and counted.</summary>
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
            default:
                if (!master.TryFindAgent(e.Agent!, out var agent)) { FailedEvents++; break; }
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

    /// <summary>Operator actions that could not be carried out.</summary>
    public int FailedEvents { get; private set; }

    private static FrameworkScheduler CreateFramework(Master master, FrameworkSpec spec) => spec.Kind switch
    {
        FrameworkKind.Batch => new BatchFramework(master, spec.Settings),
        FrameworkKind.Gang => new GangFramework(master, spec.Settings, spec.HoldTimeout, spec.Backfill),
        FrameworkKind.Service => new ServiceFramework(master, spec.Settings, spec.Service!),
        _ => throw new ArgumentOutOfRangeException(nameof(spec)),
    };

    private IEnumerable<WorkloadJob> Workload(FrameworkSpec spec)
    {
        if (spec.Workload?.Synthetic is { } synthetic) return synthetic.Generate(_seed, spec.Settings.Name);
        if (spec.Workload?.Trace is { } trace) return TraceOpener.Open(trace).ReadJobs(new TraceReport());
        return [];
    }

    /// <summary>Metrics per framework (waits, completion times) and per role (mean weighted share), so a
    /// report can say whether one team's gain was another's loss.</summary>
    private static IReadOnlyList<(string, double)> Breakdown(IReadOnlyList<FrameworkScheduler> frameworks,
        IReadOnlyList<string> roles, RunRecorder recorder, Sampler sampler)
    {
        var rows = new List<(string, double)>();
        var shares = sampler.MeanRoleShares();
        for (int i = 0; i < roles.Count; i++) rows.Add(($"share_mean:{roles[i]}", shares[i]));
        foreach (var f in frameworks.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var waits = recorder.WaitsByFramework.GetValueOrDefault(f.Name) ?? [];
            rows.Add(($"wait_mean_s:{f.Name}", Mean(waits)));
            rows.Add(($"wait_p95_s:{f.Name}", Quantile(waits, 0.95)));
            if (f is ServiceFramework) continue;
            var jct = recorder.CompletionTimesByFramework.GetValueOrDefault(f.Name) ?? [];
            rows.Add(($"jct_mean_s:{f.Name}", Mean(jct)));
            rows.Add(($"jct_p95_s:{f.Name}", Quantile(jct, 0.95)));
        }
        return rows;
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
}
