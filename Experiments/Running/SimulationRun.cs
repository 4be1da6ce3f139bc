using System.Diagnostics;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Resources;
using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Faults;
using ClusterSim.Experiments.Model;
using ClusterSim.Workloads.Model;
using ClusterSim.Workloads.Traces;

namespace ClusterSim.Experiments.Running;

/// <summary>
/// One simulated run of one variant with one seed: the shared <see cref="RecordedRun"/> on a simulated loop
/// with in-process agents (the file's cluster section, and machines replayed from a trace), run until all
/// work is done or the horizon. Single-threaded and deterministic.
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
        var loop = new SimLoop();
        var faults = _spec.Faults;
        FaultDraws? draws = null;
        // Messages between the master and the frameworks take their delay in both directions.
        Func<HostedCluster, IClusterEndpoint>? endpoint = faults.Messages?.Delay == null
            ? null
            : cluster => new DelayedCluster(cluster, loop, () => draws!.Delay());
        using var run = new RecordedRun(_spec, _seed, _directory, loop, endpoint);
        var master = run.Master ?? throw new InvalidOperationException("a simulated run hosts its master");
        if (FaultDraws.Needed(faults)) draws = new FaultDraws(faults, _seed, master, _spec.Horizon);
        SimulatedAgent NewAgent(string name) => new(loop, master) { Faults = draws };
        var agents = new Dictionary<string, SimulatedAgent>(StringComparer.Ordinal);
        var injector = run.Faults is { } ledger
            ? new FaultInjector(loop, master, faults, _seed, ledger, NewAgent, agents)
            : null;
        AddStaticAgents(agents, NewAgent, injector);
        if (run.Oversubscription?.Qos is { } qos)
            qos.Evict = (agent, framework, task) =>
            {
                if (master.IsRegistered(agent) && agents.TryGetValue(master.AgentInfoOf(agent).Name, out var simulated))
                    simulated.Preempt(framework, task, Core.Oversubscription.QosController.EvictedState(master.FrameworkInfoOf(framework)));
            };
        if (_spec.Cluster.FromTrace is { } machines) ReplayMachines(loop, master, agents, machines, NewAgent);
        injector?.Start(_spec.Events);

        run.Sampled = now => _progress?.Report(now.Seconds, run.Recorder.TasksEnded, loop.EventsRun);
        run.StartFrameworks();

        var horizon = Time.Zero + _spec.Horizon;
        while (!run.AllDrained)
        {
            var next = loop.NextEventTime;
            if (next == null || next.Value > horizon) break;
            loop.Step();
        }
        var end = run.AllDrained ? loop.Now : horizon;
        if (!run.AllDrained) loop.RunUntil(horizon);
        var result = run.Finish(end, loop.EventsRun, wall.Elapsed.TotalSeconds);
        _progress?.Report(end.Seconds, run.Recorder.TasksEnded, loop.EventsRun);
        _progress?.Finish();
        return result;
    }

    private void AddStaticAgents(Dictionary<string, SimulatedAgent> agents,
        Func<string, SimulatedAgent> newAgent, FaultInjector? injector)
    {
        for (int g = 0; g < _spec.Cluster.Groups.Count; g++)
        {
            var group = _spec.Cluster.Groups[g];
            for (int i = 0; i < group.Count; i++)
            {
                var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal);
                foreach (var (k, v) in group.Attributes) attributes[k] = AttributeTemplate.Expand(v, i);
                var name = group.NamePrefix + i;
                var agent = newAgent(name);
                agents.Add(name, agent);
                var info = new AgentInfo(name, group.Resources, attributes);
                injector?.Know(name, info, g);
                agent.Register(info);
            }
        }
    }

    /// <summary>
    /// Machines from a trace join, leave and change during the run. A capacity change re-registers the
    /// machine (Mesos agents cannot change their resources in place), so its tasks are lost and rerun.
    /// </summary>
    private static void ReplayMachines(SimLoop loop, Master master, Dictionary<string, SimulatedAgent> agents, Model.TraceSource source,
        Func<string, SimulatedAgent> newAgent)
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
            var agent = newAgent(name);
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
}
