using ClusterSim.Core.Cluster;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Output;
using ClusterSim.Workloads.Frameworks;

namespace ClusterSim.Experiments.Running;

/// <summary>
/// Every sampling interval, writes the cluster's state (timeseries.csv), each framework's share and usage
/// (shares.csv) and each service's load (services.csv), and keeps the points the plots need.
/// </summary>
public sealed class Sampler : IDisposable
{
    private readonly IClusterView _view;
    private readonly RunRecorder _recorder;
    private readonly IReadOnlyList<FrameworkScheduler> _frameworks;
    private readonly IReadOnlyList<string> _roles;
    private readonly Duration _every;
    private readonly CsvTable? _series, _shares, _services;
    private readonly double[] _roleShareSums;
    private double _serviceUtilSum, _unservedSum;
    private int _serviceSamples;

    public Sampler(IClusterView view, RunRecorder recorder, IReadOnlyList<FrameworkScheduler> frameworks,
        IReadOnlyList<string> roles, Duration every, string? directory)
    {
        _view = view;
        _recorder = recorder;
        _frameworks = frameworks;
        _roles = roles;
        _every = every;
        _roleShareSums = new double[roles.Count];
        if (directory == null) return;
        _series = new CsvTable(Path.Combine(directory, "timeseries.csv"),
            "time_s", "cpus_total", "cpus_allocated", "mem_total", "mem_allocated", "running_tasks", "pending_tasks",
            "offers_outstanding", "cpus_offered", "mem_offered");
        _shares = new CsvTable(Path.Combine(directory, "shares.csv"),
            "time_s", "role", "framework", "dominant_share", "role_share", "cpus", "mem", "running_tasks");
        if (frameworks.Any(f => f is ServiceFramework))
            _services = new CsvTable(Path.Combine(directory, "services.csv"),
                "time_s", "framework", "load", "instances", "target", "utilisation", "unserved_load");
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
        var used = _recorder.InUse;
        var allocated = _view.Allocated;
        var offered = allocated - used;
        int running = _frameworks.Sum(f => f.RunningTasks);
        int pending = _frameworks.Sum(f => f.PendingTasks);
        _series?.Add(now.Seconds).Add(total.Cpus).Add(used.Cpus).Add(total.Mem).Add(used.Mem).Add(running).Add(pending)
            .Add(_view.OutstandingOffers).Add(offered.Cpus).Add(offered.Mem).EndRow();

        var roleShares = new double[_roles.Count];
        for (int i = 0; i < _roles.Count; i++)
        {
            roleShares[i] = _view.RoleShare(_roles[i]);
            _roleShareSums[i] += roleShares[i];
        }
        foreach (var f in _frameworks)
        {
            if (!_view.IsRegistered(f.Id)) continue;
            var holds = _view.Allocation(f.Id);
            _shares?.Add(now.Seconds).Add(f.Role).Add(f.Name).Add(_view.FrameworkShare(f.Id)).Add(_view.RoleShare(f.Role))
                .Add(holds.Cpus).Add(holds.Mem).Add(f.RunningTasks).EndRow();
            if (f is ServiceFramework s)
            {
                _services?.Add(now.Seconds).Add(s.Name).Add(s.Load).Add(s.RunningTasks).Add(s.Target).Add(s.Utilisation)
                    .Add(s.UnservedLoad).EndRow();
                _serviceUtilSum += s.Utilisation;
                _unservedSum += s.UnservedLoad;
                _serviceSamples++;
            }
        }
        Samples.Add(new Sample(now.Seconds, total.Cpus > 0 ? used.Cpus / total.Cpus : 0, total.Mem > 0 ? used.Mem / total.Mem : 0,
            roleShares, pending));
        Sampled?.Invoke(now);
    }

    /// <summary>Each role's mean weighted dominant share over the samples.</summary>
    public double[] MeanRoleShares() => _roleShareSums.Select(s => Samples.Count == 0 ? 0 : s / Samples.Count).ToArray();

    public double MeanServiceUtilisation => _serviceSamples == 0 ? double.NaN : _serviceUtilSum / _serviceSamples;
    public double MeanUnservedLoad => _serviceSamples == 0 ? double.NaN : _unservedSum / _serviceSamples;

    public void Dispose()
    {
        _series?.Dispose();
        _shares?.Dispose();
        _services?.Dispose();
    }
}
