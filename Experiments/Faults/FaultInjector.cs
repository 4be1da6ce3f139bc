using ClusterSim.Core.Agents;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Random;
using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Model;
using ClusterSim.Workloads.Synthetic;

namespace ClusterSim.Experiments.Faults;

/// <summary>
/// Makes a simulated run's agents, racks and master fail as its faults: section and its fault events say.
/// Each agent, rack value and the master has its own stream (<c>faults/agent/NAME</c>,
/// <c>faults/rack/VALUE</c>, <c>faults/master</c>), so adding one never shifts another's failures.
/// An agent is down while any cause holds it (its own failure, its rack's, an event's, a missed
/// re-registration); a failed agent is shut down and removed as Mesos removes a lost agent (its tasks LOST,
/// its resources out of the cluster), and registers again, empty, when the last cause lets go.
/// </summary>
public sealed class FaultInjector
{
    private readonly ILoop _loop;
    private readonly Master _master;
    private readonly FaultSpec _faults;
    private readonly long _seed;
    private readonly FaultLedger _ledger;
    private readonly Func<string, SimulatedAgent> _newAgent;
    private readonly Dictionary<string, SimulatedAgent> _agents;
    private readonly SortedDictionary<string, AgentInfo> _infos = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _holds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _heldByEvents = new(StringComparer.Ordinal);
    private readonly HashSet<string> _heldByFailover = new(StringComparer.Ordinal);
    private int _failover;

    /// <param name="newAgent">Makes the simulated agent that registers under a name (with the run's
    /// agent-side faults).</param>
    /// <param name="agents">The run's agents by name, kept current here as agents fail and return.</param>
    public FaultInjector(ILoop loop, Master master, FaultSpec faults, long seed, FaultLedger ledger,
        Func<string, SimulatedAgent> newAgent, Dictionary<string, SimulatedAgent> agents)
    {
        _loop = loop;
        _master = master;
        _faults = faults;
        _seed = seed;
        _ledger = ledger;
        _newAgent = newAgent;
        _agents = agents;
    }

    /// <summary>An agent of the cluster's groups, with the index of its group: the agents that fail at
    /// random. Call for each before <see cref="Start"/>.</summary>
    public void Know(string name, AgentInfo info, int group)
    {
        _infos[name] = info;
        _groups[name] = group;
    }

    /// <summary>Starts the random failure processes and schedules the timed fault events.</summary>
    public void Start(IEnumerable<ClusterEvent> events)
    {
        if (_faults.Agents is { } agentFaults)
            foreach (var (name, _) in _infos)
                if (agentFaults.Groups == null || agentFaults.Groups.Contains(_groups[name]))
                    AgentProcess(name, agentFaults);
        if (_faults.Racks is { } rackFaults)
        {
            var racks = _infos
                .Where(a => a.Value.Attributes.ContainsKey(rackFaults.Attribute))
                .GroupBy(a => a.Value.Attributes[rackFaults.Attribute], StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal);
            foreach (var rack in racks) RackProcess(rack.Key, rack.Select(a => a.Key).ToArray(), rackFaults);
        }
        if (_faults.Master is { } masterFaults)
        {
            foreach (var at in masterFaults.Failovers) _loop.At(Time.Zero + at, () => FailOver(masterFaults));
            if (masterFaults.Mtbf is { } mtbf) MasterProcess(mtbf, masterFaults);
        }
        foreach (var e in events)
            if (e.Kind >= ClusterEventKind.FailAgent) _loop.At(e.At, () => Apply(e));
    }

    // ---- random processes ---------------------------------------------------------------------------

    /// <summary>Up for a draw of the MTBF, down for a draw of the repair time, again and again.</summary>
    private void AgentProcess(string name, AgentFaults faults)
    {
        var stream = RandomStream.For(_seed, "faults/agent/" + name);
        void Up() => _loop.At(_loop.Now + Draw(faults.Mtbf, stream, positive: true), () =>
        {
            _ledger.Begin("agent", name);
            Hold(name);
            _ledger.End();
            _loop.At(_loop.Now + Draw(faults.Repair, stream, positive: false), () =>
            {
                Release(name);
                Up();
            });
        });
        Up();
    }

    private void RackProcess(string value, string[] members, RackFaults faults)
    {
        var stream = RandomStream.For(_seed, "faults/rack/" + value);
        void Up() => _loop.At(_loop.Now + Draw(faults.Mtbf, stream, positive: true), () =>
        {
            FailRack(value, members);
            _loop.At(_loop.Now + Draw(faults.Repair, stream, positive: false), () =>
            {
                foreach (var name in members) Release(name);
                Up();
            });
        });
        Up();
    }

    private void MasterProcess(Distribution mtbf, MasterFaults faults)
    {
        var stream = RandomStream.For(_seed, "faults/master");
        _loop.At(_loop.Now + Draw(mtbf, stream, positive: true), () =>
        {
            FailOver(faults);
            MasterProcess(mtbf, faults);
        });
    }

    /// <summary>A draw in seconds as a duration; a time to failure is at least a microsecond, so a component
    /// never fails again at the instant it came back.</summary>
    private static Duration Draw(Distribution d, RandomStream stream, bool positive)
    {
        var seconds = Math.Max(0, d.Sample(stream));
        var duration = Duration.FromSeconds(seconds);
        return positive && duration.Micros < 1 ? Duration.FromMicros(1) : duration;
    }

    // ---- timed events -------------------------------------------------------------------------------

    private void Apply(ClusterEvent e)
    {
        switch (e.Kind)
        {
            case ClusterEventKind.FailAgent:
                {
                    var name = e.Agent!;
                    if (!_heldByEvents.Add(name)) break;
                    _ledger.Begin("agent", name);
                    Hold(name);
                    _ledger.End();
                    if (e.RepairAfter is { } after) _loop.At(_loop.Now + after, () => RepairByEvent(name));
                    break;
                }
            case ClusterEventKind.RepairAgent:
                RepairByEvent(e.Agent!);
                break;
            case ClusterEventKind.FailRack:
                {
                    var members = _infos.Where(a => a.Value.Attributes.TryGetValue(e.Attribute!, out var v) && v == e.Value)
                        .Select(a => a.Key).Where(n => !_heldByEvents.Contains(n)).ToArray();
                    foreach (var name in members) _heldByEvents.Add(name);
                    FailRack(e.Value!, members);
                    if (e.RepairAfter is { } after)
                        _loop.At(_loop.Now + after, () =>
                        {
                            foreach (var name in members) RepairByEvent(name);
                        });
                    break;
                }
            case ClusterEventKind.FailMaster:
                FailOver(_faults.Master ?? MasterFaults.Default);
                break;
        }
    }

    private void RepairByEvent(string name)
    {
        if (_heldByEvents.Remove(name)) Release(name);
    }

    private void FailRack(string value, string[] members)
    {
        _ledger.Begin("rack", value);
        foreach (var name in members) Hold(name);
        _ledger.End();
    }

    // ---- agents down and up -------------------------------------------------------------------------

    /// <summary>One more cause holds the agent down; the first fails it.</summary>
    private void Hold(string name)
    {
        int holds = _holds.GetValueOrDefault(name);
        _holds[name] = holds + 1;
        if (holds > 0) return;
        _ledger.AgentFailed();
        _ledger.AgentsDown++;
        if (_agents.Remove(name, out var agent)) agent.Shutdown();
        // Mesos marks an agent that stops answering unreachable (src/master/master.cpp, markUnreachable): its
        // tasks are LOST, or UNREACHABLE to partition-aware frameworks, until it comes back or is marked gone.
        if (_master.TryFindAgent(name, out var id)) _master.MarkAgentUnreachable(id);
    }

    /// <summary>One cause lets go; when none is left the agent registers again, empty.</summary>
    private void Release(string name)
    {
        int holds = _holds.GetValueOrDefault(name);
        if (holds == 0) return;
        if (holds > 1)
        {
            _holds[name] = holds - 1;
            return;
        }
        _holds.Remove(name);
        _ledger.AgentsDown--;
        // An agent the operator marked gone never registers again (Mesos shuts it down).
        if (_master.IsGone(name)) return;
        // A machine replayed from a trace that missed a re-registration stays gone: the trace says when
        // machines come and go.
        if (!_infos.TryGetValue(name, out var info)) return;
        var agent = _newAgent(name);
        _agents[name] = agent;
        agent.Register(info);
    }

    // ---- master failover ----------------------------------------------------------------------------

    /// <summary>
    /// The master fails over (see <see cref="Master.FailOver"/>): each agent that is up re-registers after a
    /// draw of the re-registration spread (in name order, stream <c>faults/master/reregistration</c>), each
    /// framework re-subscribes after a draw of the resubscribe delay (in id order,
    /// <c>faults/master/resubscribe</c>), and agents not back by the re-registration timeout are removed, to
    /// register again, empty, when they do come back.
    /// </summary>
    private void FailOver(MasterFaults faults)
    {
        int generation = ++_failover;
        _ledger.Begin("master", "master");
        _master.FailOver();
        _ledger.End();
        var reregistration = RandomStream.For(_seed, $"faults/master/reregistration/{generation}");
        var resubscribe = RandomStream.For(_seed, $"faults/master/resubscribe/{generation}");
        foreach (var (name, agent) in _agents.OrderBy(a => a.Key, StringComparer.Ordinal).ToArray())
        {
            if (!_master.IsAwaitingReregistration(agent.Id)) continue;
            agent.Disconnect();
            var back = _loop.Now + Draw(faults.Reregistration, reregistration, positive: false);
            _loop.At(back, () => Reregister(name, agent, generation));
        }
        foreach (var framework in _master.Frameworks.ToArray())
        {
            var back = _loop.Now + Draw(faults.Resubscribe, resubscribe, positive: false);
            _loop.At(back, () =>
            {
                if (generation == _failover && _master.IsRegistered(framework)) _master.ResubscribeFramework(framework);
            });
        }
        _loop.At(_loop.Now + faults.ReregistrationTimeout, () =>
        {
            if (generation != _failover) return;
            foreach (var id in _master.AgentsAwaitingReregistration)
            {
                var name = _master.AgentInfoOf(id).Name;
                if (!_heldByFailover.Add(name)) continue;
                _ledger.Begin("reregistration_timeout", name);
                Hold(name);
                _ledger.End();
            }
        });
    }

    private void Reregister(string name, SimulatedAgent agent, int generation)
    {
        if (_heldByFailover.Remove(name))
        {
            // Removed for missing the timeout: it comes back as a new, empty agent.
            Release(name);
            return;
        }
        // A later failover drew a new time for it; or it failed meanwhile and is another agent now.
        if (generation != _failover || !_agents.TryGetValue(name, out var current) || current != agent) return;
        if (_master.ReadmitAgent(agent.Id)) agent.Reconnect();
    }
}
