using ClusterSim.Core.Cell;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Random;
using ClusterSim.Workloads.Frameworks;

namespace ClusterSim.Workloads.Architectures;

/// <summary>
/// The endpoint of a monolithic or shared-state run: a <see cref="HostedCluster"/> whose master sits over a
/// <see cref="CellState"/> instead of the two-level allocator, so agents, tasks, status updates and every
/// listener (the recorder) are the two-level path's. Frameworks connect through <see cref="CellDriver"/>s and
/// keep their workloads, retries and task books; only who places their jobs changes: one
/// <see cref="SchedulerLane"/> for all (monolithic) or one each (shared state).
/// </summary>
public sealed class CellCluster : IClusterEndpoint
{
    private readonly ILoop _loop;
    private readonly HostedCluster _hosted;
    private readonly CellState _cell;
    private readonly SchedulerArchitecture _architecture;
    private readonly long _seed;
    private readonly List<SchedulerLane> _lanes = [];

    /// <param name="hosted">A hosted cluster built over <paramref name="cell"/>.</param>
    public CellCluster(ILoop loop, HostedCluster hosted, CellState cell, SchedulerArchitecture architecture, long seed)
    {
        if (architecture.Kind == ArchitectureKind.TwoLevel)
            throw new ArgumentException("a two-level run uses its HostedCluster directly", nameof(architecture));
        _loop = loop;
        _hosted = hosted;
        _cell = cell;
        _architecture = architecture;
        _seed = seed;
        cell.Released = () =>
        {
            foreach (var lane in _lanes) lane.Released();
        };
    }

    public SchedulerArchitecture Architecture => _architecture;

    /// <summary>The schedulers, in the order they were made: "monolithic", or one per framework.</summary>
    public IReadOnlyList<SchedulerLane> Lanes => _lanes;

    public ISchedulerDriver Connect(string framework) =>
        new CellDriver(_hosted.Master, _cell, link => Adopt(framework, link));

    public Core.Resources.Resources Capacity => _cell.Total;

    private void Adopt(string name, ISchedulerLink link)
    {
        if (link is not FrameworkScheduler framework)
            throw new InvalidOperationException($"framework {name}: a {_architecture} scheduler places work of framework schedulers only");
        if (framework is GangFramework)
            throw new InvalidOperationException($"framework {name}: gang frameworks run under two-level scheduling only");
        SchedulerLane lane;
        if (_architecture.Kind == ArchitectureKind.Monolithic)
        {
            if (_lanes.Count == 0)
                _lanes.Add(new SchedulerLane("monolithic", _loop, _cell, _architecture.Strategy,
                    ConflictDetection.ResourceFit, CommitMode.Incremental, RandomStream.For(_seed, "monolithic/placement")));
            lane = _lanes[0];
        }
        else
        {
            lane = new SchedulerLane(name, _loop, _cell, PlacementStrategy.Random, _architecture.Conflicts,
                _architecture.Commit, RandomStream.For(_seed, $"{name}/placement"));
            _lanes.Add(lane);
        }
        framework.CellScheduler = lane;
    }
}
