using ClusterSim.Core.Loop;
using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Faults;
using ClusterSim.Experiments.Model;
using ClusterSim.Experiments.Output;
using ClusterSim.Workloads.Frameworks;

namespace ClusterSim.Experiments.Running;

/// <summary>
/// Every sampling interval, writes the cluster's state (timeseries.csv), each framework's share and usage
/// (shares.csv) and each service's load (services.csv), and keeps the points the plots and the time-averaged
/// metrics need. Shares are of what tasks use (<see cref="RunRecorder.InUseBy"/>), not of what the allocator
/// has also offered: an offer is not an allocation until a task runs on it. Offered resources are separate
/// columns.
/// </summary>
public sealed class Sampler : IDisposable
{
    private readonly IClusterView _view;
    private readonly RunRecorder _recorder;
    private readonly IReadOnlyList<FrameworkScheduler> _frameworks;
    private readonly IReadOnlyList<string> _roles;
    private readonly Duration _every;
    private readonly CsvTable? _series, _shares, _services;
    private readonly bool _requests;
    private readonly FaultLedger? _faults;

    /// <param name="faults">The run's fault ledger when it records faults: timeseries.csv then has an
    /// agents_down column (its totals are always of the agents up).</param>
    public Sampler(IClusterView view, RunRecorder recorder, IReadOnlyList<FrameworkScheduler> frameworks,
        IReadOnlyList<string> roles, Duration every, string? directory, FaultLedger? faults = null)
    {
        _faults = faults;
        _view = view;
        _recorder = recorder;
        _frameworks = frameworks;
        _roles = roles;
        _every = every;
        if (directory == null) return;
        string[] series = ["time_s", "cpus_total", "cpus_allocated", "mem_total", "mem_allocated", "running_tasks", "pending_tasks",
            "offers_outstanding", "cpus_offered", "mem_offered", "fairness_demanding"];
        _series = new CsvTable(Path.Combine(directory, "timeseries.csv"), faults == null ? series : [.. series, "agents_down"]);
        _shares = new CsvTable(Path.Combine(directory, "shares.csv"),
            "time_s", "role", "framework", "dominant_share", "role_share", "cpus", "mem", "running_tasks",
            "cpus_offered", "mem_offered", "role_demanding", "role_running_tasks");
        // Request columns only when some service has requests, so other runs' files stay as they were.
        _requests = frameworks.Any(f => f is ServiceFramework { Traffic: not null });
        if (frameworks.Any(f => f is ServiceFramework))
            _services = new CsvTable(Path.Combine(directory, "services.csv"), _requests
                ? ["time_s", "framework", "load", "instances", "target", "utilisation", "unserved_load", "requests_arrived",
                    "requests_completed", "requests_dropped", "latency_mean_s", "latency_p95_s", "measured_utilisation", "scaling_actions"]
                : ["time_s", "framework", "load", "instances", "target", "utilisation", "unserved_load"]);
    }

    public List<Sample> Samples { get; } = [];

    /// <summary>Called after each sample with the time reached, for progress displays.</summary>
    public Action<Time>? Sampled { get; set; }

    public void Start() => _view.Loop.At(Time.Zero, Take);

    private void Take()
    {
        Record();
        _view.Loop.After(_every, Take);
    }

    /// <summary>Takes one sample now (also called once at the end of the run).</summary>
    public void Record()
    {
        var now = _view.Loop.Now;
        var total = _view.Total;
        var excluded = _view.FairnessExcluded;
        var used = _recorder.InUse;
        var allocated = _view.Allocated;
        var offered = allocated - used;
        int running = _frameworks.Sum(f => f.RunningTasks);
        int pending = _frameworks.Sum(f => f.PendingTasks);

        // Each role's dominant share of what its frameworks' tasks use (Ghodsi et al., NSDI 2011), and
        // whether it wants more now: pending tasks, or a service below its target.
        var roleUse = new Core.Resources.Resources[_roles.Count];
        var demanding = new bool[_roles.Count];
        foreach (var f in _frameworks)
        {
            bool wants = f.PendingTasks > 0 || f is ServiceFramework { } s && s.Target > s.RunningTasks;
            if (f.Settings.Roles.Count > 1)
            {
                // A MULTI_ROLE framework counts in each role with what it uses there, and wants more in each.
                foreach (var role in f.Settings.Roles)
                {
                    int k = RoleIndex(role);
                    if (k < 0) continue;
                    roleUse[k] += _recorder.InUseBy(f.Id, role);
                    demanding[k] |= f is ServiceFramework ? wants : f.PendingTasksIn(role) > 0;
                }
                continue;
            }
            int r = RoleIndex(f.Role);
            if (r < 0) continue;
            roleUse[r] += _recorder.InUseBy(f.Id);
            demanding[r] |= wants;
        }
        var dominant = new double[_roles.Count];
        var weighted = new double[_roles.Count];
        for (int i = 0; i < _roles.Count; i++)
        {
            dominant[i] = roleUse[i].MaxShareOf(total, excluded);
            weighted[i] = dominant[i] / _view.Weight(_roles[i]);
        }
        double fairness = DemandFairness.Of(weighted, demanding);
        int agentsDown = _faults?.AgentsDown ?? 0;
        if (_series != null)
        {
            _series.Add(now.Seconds).Add(total.Cpus).Add(used.Cpus).Add(total.Mem).Add(used.Mem).Add(running).Add(pending)
                .Add(_view.OutstandingOffers).Add(offered.Cpus).Add(offered.Mem).Add(fairness);
            if (_faults != null) _series.Add(agentsDown);
            _series.EndRow();
        }

        double serviceUtil = 0, unserved = 0;
        int services = 0;
        foreach (var f in _frameworks)
        {
            if (!_view.IsRegistered(f.Id)) continue;
            var inUse = _recorder.InUseBy(f.Id);
            var offeredTo = _view.Allocation(f.Id) - inUse;
            if (f.Settings.Roles.Count > 1) ShareRowsPerRole(now, f, total, excluded, weighted, demanding);
            else
            {
                int r = RoleIndex(f.Role);
                _shares?.Add(now.Seconds).Add(f.Role).Add(f.Name).Add(inUse.MaxShareOf(total, excluded)).Add(r < 0 ? 0 : weighted[r])
                    .Add(inUse.Cpus).Add(inUse.Mem).Add(f.RunningTasks).Add(offeredTo.Cpus).Add(offeredTo.Mem)
                    .Add(r >= 0 && demanding[r] ? 1 : 0).Add(f.RunningTasks).EndRow();
            }
            if (f is ServiceFramework s)
            {
                var row = _services?.Add(now.Seconds).Add(s.Name).Add(s.Load).Add(s.RunningTasks).Add(s.Target).Add(s.Utilisation)
                    .Add(s.UnservedLoad);
                if (_requests && row != null)
                {
                    if (s.Traffic is { } traffic)
                    {
                        var interval = traffic.TakeInterval();
                        row.Add(interval.Arrived).Add(interval.Completed).Add(interval.Dropped).Add(interval.LatencyMean).Add(interval.LatencyP95).Add(interval.Utilisation)
                            .Add(s.ScalingActions);
                    }
                    else row.Add("").Add("").Add("").Add("").Add("").Add("").Add("");
                }
                row?.EndRow();
                serviceUtil += s.Utilisation;
                unserved += s.UnservedLoad;
                services++;
            }
        }
        Samples.Add(new Sample(now.Seconds, total.Cpus > 0 ? used.Cpus / total.Cpus : 0, total.Mem > 0 ? used.Mem / total.Mem : 0,
            weighted, pending)
        {
            RoleDominantShares = dominant,
            RoleDemanding = demanding,
            Fairness = fairness,
            ServiceUtilisation = services == 0 ? double.NaN : serviceUtil / services,
            UnservedLoad = services == 0 ? double.NaN : unserved / services,
            CapacityCpus = total.Cpus,
            AgentsDown = agentsDown,
            WorkLostCpuSeconds = _faults?.WorkLostCpuSeconds ?? 0,
        });
        Sampled?.Invoke(now);
    }

    /// <summary>shares.csv rows of a MULTI_ROLE framework: one per role, with what it uses and is offered there;
    /// running_tasks stays the framework's count (its meaning since the column exists) and role_running_tasks is
    /// the role's.</summary>
    private void ShareRowsPerRole(Time now, FrameworkScheduler f, Core.Resources.Resources total, Core.Resources.ResourceKindSet excluded,
        double[] weighted, bool[] demanding)
    {
        if (_shares == null) return;
        foreach (var role in f.Settings.Roles)
        {
            var inUse = _recorder.InUseBy(f.Id, role);
            var offeredTo = _view.Allocation(f.Id, role) - inUse;
            int r = RoleIndex(role);
            _shares.Add(now.Seconds).Add(role).Add(f.Name).Add(inUse.MaxShareOf(total, excluded)).Add(r < 0 ? 0 : weighted[r])
                .Add(inUse.Cpus).Add(inUse.Mem).Add(f.RunningTasks).Add(offeredTo.Cpus).Add(offeredTo.Mem)
                .Add(r >= 0 && demanding[r] ? 1 : 0).Add(f.RunningTasksIn(role)).EndRow();
        }
    }

    private int RoleIndex(string role)
    {
        for (int i = 0; i < _roles.Count; i++)
            if (string.Equals(_roles[i], role, StringComparison.Ordinal)) return i;
        return -1;
    }

    /// <summary>The samples that lie in <paramref name="window"/> of a run that ended at <paramref name="end"/>
    /// (all of them when none does, so a window narrower than the sampling interval still has a value).</summary>
    public IReadOnlyList<Sample> InWindow(MeasureWindow window, Time end)
    {
        var inside = Samples.Where(s => window.Contains(s.TimeSeconds, end)).ToArray();
        return inside.Length == 0 ? Samples : inside;
    }

    public void Dispose()
    {
        _series?.Dispose();
        _shares?.Dispose();
        _services?.Dispose();
    }
}
