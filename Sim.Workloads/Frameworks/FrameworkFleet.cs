using ClusterSim.Core.Cluster;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Timing;

namespace ClusterSim.Workloads.Frameworks;

/// <summary>
/// The frameworks of a run, each connected to the cluster through its own driver from the
/// <see cref="IClusterEndpoint"/>: the same fleet whether the endpoint is a simulated master or a standing
/// live one. It also knows when all finite work is done: every batch and gang framework drained, and no
/// service (which never ends on its own).
/// </summary>
public sealed class FrameworkFleet
{
    private readonly ILoop _loop;
    private readonly IClusterEndpoint _cluster;
    private readonly List<FrameworkScheduler> _frameworks = [];
    private int _busy;

    public FrameworkFleet(ILoop loop, IClusterEndpoint cluster)
    {
        _loop = loop;
        _cluster = cluster;
    }

    public IReadOnlyList<FrameworkScheduler> Frameworks => _frameworks;

    /// <summary>True once every batch and gang framework has run all its work (and there is no service).</summary>
    public bool AllDrained { get; private set; }

    /// <summary>Called when <see cref="AllDrained"/> becomes true.</summary>
    public Action? Drained { get; set; }

    /// <summary>Adds a framework of <paramref name="kind"/>. It is told the cluster's size as an operator
    /// would tell it (what the cluster has registered now), not given the master.</summary>
    public FrameworkScheduler Add(FrameworkKind kind, FrameworkSettings settings, Duration holdTimeout = default,
        bool backfill = false, ServiceSettings? service = null)
    {
        var driver = _cluster.Connect(settings.Name);
        settings = settings with { ClusterCapacity = _cluster.Capacity };
        FrameworkScheduler framework = kind switch
        {
            FrameworkKind.Batch => new BatchFramework(_loop, driver, settings),
            FrameworkKind.Gang => new GangFramework(_loop, driver, settings, holdTimeout, backfill),
            FrameworkKind.Service => new ServiceFramework(_loop, driver, settings,
                service ?? throw new ArgumentNullException(nameof(service), $"service framework {settings.Name} needs its service settings")),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        if (kind != FrameworkKind.Service)
        {
            _busy++;
            framework.Drained = () =>
            {
                if (--_busy != 0 || _frameworks.Any(x => x is ServiceFramework)) return;
                AllDrained = true;
                Drained?.Invoke();
            };
        }
        _frameworks.Add(framework);
        return framework;
    }
}
