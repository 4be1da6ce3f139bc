using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;

namespace ClusterSim.Core.Cluster;

/// <summary>
/// The Mesos master: keeps agents, frameworks, offers and tasks, runs the allocator in batches and turns its
/// grants into offers, and carries out what frameworks answer. It runs on a loop and never knows whether the
/// loop is simulated or live, nor whether its agents are in-process or remote.
/// </summary>
public sealed class Master : ITimerHandler
{
    private const long PeriodicRun = 0;
    private const long TriggeredRun = 1;
    private const long DeliverStatus = 2;
    private const long DeliverOffers = 3;

    private readonly ILoop _loop;
    private readonly IAllocator _allocator;
    private readonly AllocationOptions _options;
    private readonly List<AgentEntry?> _agents = [];
    private readonly LiveTaskTable _live = new();
    private readonly List<FrameworkEntry?> _frameworks = [];
    private readonly Dictionary<string, AgentId> _agentsByName = new(StringComparer.Ordinal);
    // The name each agent id was given, kept after the agent leaves: reconciliation names agents by id.
    private readonly List<string> _agentNames = [];
    private readonly Dictionary<string, FrameworkId> _frameworksByName = new(StringComparer.Ordinal);
    private readonly OfferBook _offers = new();
    private readonly List<IMasterListener> _listeners = [];
    private readonly List<Grant> _grants = [];
    private readonly List<(FrameworkId Framework, AgentId Agent)> _inverseGrants = [];
    private readonly SortedDictionary<long, InverseOffer> _inverseOffers = [];
    private readonly List<int> _batched = [];
    // Messages to frameworks wait here for their turn on the loop: each has one event of its kind, all due at
    // the instant they were sent, so the n-th such event delivers the n-th message, in the order sent, and no
    // closure is made per message (a day of a large cluster sends millions).
    private readonly Queue<(FrameworkId Framework, ISchedulerLink Link, StatusUpdate Status)> _statusOutbox = new();
    private readonly Queue<(FrameworkId Framework, ISchedulerLink Link, List<Offer> Offers)> _offerOutbox = new();
    private readonly SortedSet<int> _triggeredAgents = [];
    private bool _triggerScheduled;
    private bool _triggerAllAgents;
    private bool _started;
    private long _nextOfferId = 1;

    public Master(ILoop loop, IAllocator allocator, AllocationOptions options)
    {
        _loop = loop;
        _allocator = allocator;
        _options = options;
    }

    public ILoop Loop => _loop;
    public IAllocator Allocator => _allocator;
    public AllocationOptions Options => _options;

    public void AddListener(IMasterListener listener) => _listeners.Add(listener);

    /// <summary>Arms the periodic allocation timer: the first periodic run is one interval from now.</summary>
    public void Start()
    {
        if (_started) throw new InvalidOperationException("the master is already started");
        _started = true;
        _loop.At(_loop.Now + _options.Interval, this, PeriodicRun);
    }

    // ---- agents -------------------------------------------------------------------------------------

    public AgentId AddAgent(AgentInfo info, IAgentLink link)
    {
        if (_agentsByName.ContainsKey(info.Name))
            throw new InvalidOperationException($"agent '{info.Name}' is already registered");
        // Mesos refuses (re-)registration of an agent marked gone and shuts it down (src/master/master.cpp,
        // registerSlave and reregisterSlave: "Agent has been marked gone").
        if (_gone.Contains(info.Name))
            throw new InvalidOperationException($"agent '{info.Name}' was marked gone and may not register again");
        // Back from a partition: its tasks are no longer unreachable-and-unknown (re-registration reconciles them).
        _unreachableTasks.Remove(info.Name);
        var id = new AgentId(_agents.Count);
        _agents.Add(new AgentEntry(id, info, link));
        _agentNames.Add(info.Name);
        _agentsByName.Add(info.Name, id);
        _allocator.AddAgent(id, info);
        foreach (var l in _listeners) l.AgentAdded(id, info);
        TriggerAllocation(id);
        return id;
    }

    /// <summary>
    /// Removes an agent as Mesos does when one is lost: its resources leave the allocator first (so shares
    /// drop at once), its tasks become LOST, its offers are rescinded.
    /// </summary>
    public void RemoveAgent(AgentId id)
    {
        var agent = AgentEntryOf(id);
        Remove(agent, TaskState.Lost, "agent removed");
        foreach (var l in _listeners) l.AgentRemoved(id, agent.Info);
    }

    /// <summary>
    /// What every removal of an agent does (src/master/master.cpp, __removeSlave): its resources leave the
    /// allocator first, its inverse offers are withdrawn (sending them for an agent that is gone makes no
    /// sense), each task ends (<paramref name="partitionAware"/> for a PARTITION_AWARE framework, LOST for the
    /// others), its offers are rescinded and it leaves the master's books. The caller records why it left
    /// before telling the listeners. Returns the tasks it ran and whether their framework was partition-aware.
    /// </summary>
    private List<(FrameworkId Framework, TaskId Task, bool PartitionAware)> Remove(AgentEntry agent, TaskState partitionAware, string reason)
    {
        var id = agent.Id;
        _allocator.RemoveAgent(id);
        WithdrawInverseOffers(o => o.Agent == id, notify: true);
        var tasks = new List<(FrameworkId, TaskId, bool)>(agent.TaskCount);
        foreach (int slot in agent.TaskPlaces())
        {
            var task = _live[slot];
            var framework = _frameworks[task.Framework.Value]!;
            bool aware = framework.Info.HasCapability(PartitionAware);
            tasks.Add((framework.Id, task.Spec.Id, aware));
            // REASON_AGENT_REMOVED with UNREACHABLE or LOST, REASON_AGENT_REMOVED_BY_OPERATOR with
            // GONE_BY_OPERATOR (master.cpp, __removeSlave).
            var state = aware ? partitionAware : TaskState.Lost;
            Terminate(framework, task, state, reason, recover: false,
                code: state == TaskState.GoneByOperator ? StatusReason.AgentRemovedByOperator : StatusReason.AgentRemoved,
                source: StatusSource.Master);
        }
        foreach (var offer in _offers.OfAgent(agent.Id))
            Rescind(offer, reason, recover: false);
        ForgetUnacknowledged(id);
        _agents[id.Value] = null;
        _agentsByName.Remove(agent.Info.Name);
        return tasks;
    }

    // ---- agent lifecycle ----------------------------------------------------------------------------

    /// <summary>
    /// The agent's attributes or unreserved total change (src/master/master.cpp, Master::updateSlave and
    /// re-registration: allocator->updateSlave): its outstanding offers are rescinded first, as they may hold
    /// what is no longer there, the allocator drops the filters on it when its attributes changed, and it is
    /// offered again at once (hierarchical.cpp, updateSlave: generateOffers(slaveId)). Refused (its offers are
    /// rescinded all the same) when the name or the reservations would change or the total drop below what its
    /// tasks use.
    /// </summary>
    public void UpdateAgent(AgentId id, AgentInfo info)
    {
        var agent = AgentEntryOf(id);
        if (info.Name != agent.Info.Name)
            throw new InvalidOperationException($"agent '{agent.Info.Name}' cannot be renamed '{info.Name}'");
        var offers = _offers.OfAgent(agent.Id);
        foreach (var offer in offers) Rescind(offer, "agent updated", recover: true);
        _allocator.UpdateAgent(id, info);
        agent.Info = info;
        TriggerAllocation(id);
    }

    /// <summary>
    /// Deactivates the agent (Mesos's Master::deactivate(Slave*), on a disconnection or DEACTIVATE_AGENT):
    /// the allocator offers nothing on it and its offers are rescinded; its tasks keep running.
    /// </summary>
    public void DeactivateAgent(AgentId id)
    {
        var agent = AgentEntryOf(id);
        if (!agent.Active) return;
        agent.Active = false;
        _allocator.DeactivateAgent(id);
        foreach (var offer in _offers.OfAgent(agent.Id)) Rescind(offer, "agent deactivated", recover: true);
    }

    /// <summary>Reactivates the agent (REACTIVATE_AGENT, or its reconnection): it is offered again at once; a
    /// drain it was under ends.</summary>
    public void ActivateAgent(AgentId id)
    {
        var agent = AgentEntryOf(id);
        agent.Draining = false;
        if (agent.Active) return;
        agent.Active = true;
        _allocator.ActivateAgent(id);
        TriggerAllocation(id);
    }

    /// <summary>
    /// DRAIN_AGENT (src/master/http.cpp, _drainAgent): the agent is deactivated, and its tasks are killed after
    /// <paramref name="maxGracePeriod"/> (zero: at once) unless they end first; it is drained once it has none.
    /// It stays deactivated until <see cref="ActivateAgent"/>.
    /// </summary>
    public void DrainAgent(AgentId id, Duration maxGracePeriod = default)
    {
        var agent = AgentEntryOf(id);
        DeactivateAgent(id);
        agent.Draining = true;
        if (maxGracePeriod <= Duration.Zero) KillForDrain(agent);
        else _loop.After(maxGracePeriod, () =>
        {
            if (IsRegistered(id) && _agents[id.Value] == agent && agent.Draining) KillForDrain(agent);
        });
    }

    private void KillForDrain(AgentEntry agent)
    {
        foreach (int slot in agent.TaskPlaces())
        {
            var task = _live[slot];
            agent.Link.Kill(task.Framework, task.Spec.Id);
        }
    }

    /// <summary>Rescinds the agent's outstanding offers for <paramref name="role"/>: revocable offers after the
    /// agent's oversubscribed total changed (src/master/master.cpp, updateSlave).</summary>
    public void RescindOffersOf(AgentId id, string role, string reason)
    {
        foreach (var offer in _offers.OfAgent(AgentEntryOf(id).Id))
            if (offer.Role == role) Rescind(offer, reason, recover: true);
    }

    public bool IsActive(AgentId id) => AgentEntryOf(id).Active;

    /// <summary>Draining and no task left on it (Mesos's DRAINED).</summary>
    public bool IsDrained(AgentId id) => AgentEntryOf(id) is { Draining: true, TaskCount: 0 };

    public bool IsDraining(AgentId id) => AgentEntryOf(id).Draining;

    /// <summary>
    /// Takes back an agent that re-registers with a new leader after a master failover, with the reservations
    /// made on it since it registered and the tasks it still runs (Mesos's Master::reregisterSlave after
    /// Master::_recover, src/master/master.cpp): the tasks' resources stay allocated to their frameworks (the
    /// role's reservation first) and the tasks keep their state. Tasks of a framework the master does not know,
    /// or that do not fit what is free, are refused and returned for the caller to kill; reservations that do
    /// not fit are returned too.
    /// </summary>
    public (AgentId Agent, IReadOnlyList<(FrameworkId Framework, TaskSpec Task)> Refused, IReadOnlyList<(string Role, Resources.Resources Resources)> Unreserved)
        ReadmitAgent(AgentInfo info, IAgentLink link, IReadOnlyList<(FrameworkId Framework, TaskSpec Task, TaskState State)> tasks,
            IReadOnlyList<(string Role, Resources.Resources Resources)> reservations) =>
        ReadmitAgent(info, link, tasks.Select(t => new ReadmittedTask(t.Framework, t.Task, t.State)).ToArray(), reservations);

    /// <summary>As the overload above, with each task's role: a task on revocable resources
    /// (<see cref="Oversubscription.RevocableResources.Role"/>) is taken back as revocable, in the allocator's
    /// revocable books (<see cref="IAllocator.AddInUse(FrameworkId, AgentId, Resources.Resources, Resources.Resources, string)"/>)
    /// and its listeners' (<see cref="IMasterListener.TaskReadmitted"/>), so that the QoS controller may still evict it.</summary>
    public (AgentId Agent, IReadOnlyList<(FrameworkId Framework, TaskSpec Task)> Refused, IReadOnlyList<(string Role, Resources.Resources Resources)> Unreserved)
        ReadmitAgent(AgentInfo info, IAgentLink link, IReadOnlyList<ReadmittedTask> tasks,
            IReadOnlyList<(string Role, Resources.Resources Resources)> reservations)
    {
        var id = AddAgent(info, link);
        var agent = _agents[id.Value]!;
        var unreserved = new List<(string, Resources.Resources)>();
        var freeReserved = new Dictionary<string, Resources.Resources>(StringComparer.Ordinal);
        foreach (var (role, resources) in reservations)
        {
            if (!_allocator.Reserve(id, role, resources)) unreserved.Add((role, resources));
        }
        var refused = new List<(FrameworkId, TaskSpec)>();
        foreach (var readmitted in tasks)
        {
            var (frameworkId, task, state) = (readmitted.Framework, readmitted.Task, readmitted.State);
            bool revocable = readmitted.Role == Oversubscription.RevocableResources.Role;
            // Revocable resources are never reserved, nor rounded to a policy's unit (they are not the policy's).
            var footprint = revocable ? task.Resources : _allocator.Footprint(task.Resources);
            var framework = IsRegistered(frameworkId) ? _frameworks[frameworkId.Value]! : null;
            var role = readmitted.Role ?? framework?.Info.Role ?? "";
            if (framework != null && !freeReserved.ContainsKey(role))
                freeReserved[role] = revocable ? Resources.Resources.Empty : _allocator.ReservedOn(id, role);
            var fromReserved = framework == null ? Resources.Resources.Empty : footprint.Min(freeReserved[role]);
            if (framework == null || framework.Tasks.ContainsKey(task.Id) || state.IsTerminal()
                || !(readmitted.Role == null
                    ? _allocator.AddInUse(frameworkId, id, footprint, fromReserved)
                    : _allocator.AddInUse(frameworkId, id, footprint, fromReserved, role)))
            {
                refused.Add((frameworkId, task));
                continue;
            }
            freeReserved[role] -= fromReserved;
            var record = new TaskEntry(frameworkId, id, task, _loop.Now) { Held = footprint, HeldReserved = fromReserved, State = state, Role = role };
            framework.Tasks.Add(record);
            agent.AddTask(_live.Add(record));
            if (state == TaskState.Running) framework.RunningTasks++;
            foreach (var l in _listeners) l.TaskReadmitted(frameworkId, id, task, role, _loop.Now);
            if (state != TaskState.Staging)
                foreach (var l in _listeners) l.TaskStatusChanged(new StatusUpdate(frameworkId, task.Id, id, state, _loop.Now, "agent re-registered"));
        }
        return (id, refused, unreserved);
    }

    /// <summary>
    /// Tells a framework that a task the master has no record of is gone: TASK_LOST from SOURCE_MASTER with
    /// <paramref name="code"/>. A live master that recovers its agents' tasks from its registry uses it for a
    /// task on an agent that did not re-register after a failover (REASON_AGENT_REMOVED, as Mesos's master gives
    /// the tasks of an agent it removes, src/master/master.cpp, __removeSlave; Mesos's recoveredSlavesTimeout
    /// knows no tasks of such an agent and sends only SlaveLost) and for a task its agent re-registered without
    /// (REASON_RECONCILIATION, as that master answers for a task unknown to its registered agent,
    /// _reconcileTasks).
    /// </summary>
    public void ReportGone(FrameworkId framework, TaskId task, string reason, StatusReason code)
    {
        if (!IsRegistered(framework) || _frameworks[framework.Value]!.Tasks.ContainsKey(task)) return;
        Notify(_frameworks[framework.Value]!, new StatusUpdate(framework, task, new AgentId(-1), TaskState.Lost, _loop.Now, reason)
        {
            Code = code,
            Source = StatusSource.Master,
        });
    }

    /// <summary>The capability a framework opts in with to hear TASK_UNREACHABLE instead of TASK_LOST (Mesos's
    /// FrameworkInfo.Capability.PARTITION_AWARE).</summary>
    public const string PartitionAware = "partition_aware";

    /// <summary>
    /// An agent missed its heartbeats (a partition, or it died): removed as <see cref="RemoveAgent"/> does,
    /// but each task becomes UNREACHABLE for a partition-aware framework and LOST for the others (Mesos 1.x,
    /// src/master/master.cpp, Master::markUnreachable and __removeSlave). Returns the tasks it ran, and
    /// whether their framework was partition-aware, for when the agent comes back.
    /// </summary>
    public IReadOnlyList<(FrameworkId Framework, TaskId Task, bool PartitionAware)> MarkAgentUnreachable(AgentId id)
    {
        var agent = AgentEntryOf(id);
        var tasks = Remove(agent, TaskState.Unreachable, "agent unreachable");
        // Mesos keeps an unreachable agent's tasks (slaves.unreachableTasks) so that marking it gone can tell
        // partition-aware frameworks their tasks are gone.
        _unreachableTasks[agent.Info.Name] = tasks.Select(t => (t.Item1, t.Item2, id)).ToList();
        foreach (var l in _listeners) l.AgentRemoved(id, agent.Info);
        return tasks;
    }

    // Agents marked unreachable and not back, by name, with the tasks they ran (Mesos's slaves.unreachable and
    // slaves.unreachableTasks); agents marked gone, by name (slaves.gone).
    private readonly Dictionary<string, List<(FrameworkId Framework, TaskId Task, AgentId Agent)>> _unreachableTasks = new(StringComparer.Ordinal);
    private readonly HashSet<string> _gone = new(StringComparer.Ordinal);

    /// <summary>The reason sent with TASK_GONE_BY_OPERATOR, and with TASK_LOST to the other frameworks
    /// (Mesos: REASON_SLAVE_REMOVED_BY_OPERATOR, resp. REASON_SLAVE_REMOVED, message "Agent has been marked gone").</summary>
    public const string MarkedGoneReason = "agent marked gone by the operator";

    /// <summary>Whether the agent of that name was marked unreachable and has not registered since.</summary>
    public bool IsUnreachable(string name) => _unreachableTasks.ContainsKey(name);

    /// <summary>Whether the operator marked the agent of that name gone (it may never register again).</summary>
    public bool IsGone(string name) => _gone.Contains(name);

    /// <summary>
    /// The operator asserts that an agent is gone for good (Mesos's MARK_AGENT_GONE, src/master/master.cpp,
    /// Master::markGone). A registered agent is removed as <see cref="RemoveAgent"/> does, but its tasks become
    /// TASK_GONE_BY_OPERATOR for PARTITION_AWARE frameworks and TASK_LOST for the others (__removeSlave with no
    /// unreachable time). An agent marked unreachable before tells the partition-aware frameworks its tasks
    /// went from UNREACHABLE to GONE_BY_OPERATOR (markGone over slaves.unreachableTasks; the others were told
    /// TASK_LOST at the partition, which Mesos repeats here and the simulator does not). Either way the agent may
    /// never register again. False when no agent of that name is registered or unreachable (Mesos answers
    /// such an unknown agent with 404), or it was marked gone already.
    /// </summary>
    public bool MarkAgentGone(string name)
    {
        if (_gone.Contains(name)) return false;
        if (_agentsByName.TryGetValue(name, out var id))
        {
            var agent = _agents[id.Value]!;
            Remove(agent, TaskState.GoneByOperator, MarkedGoneReason);
            _gone.Add(name);
            foreach (var l in _listeners) l.AgentRemoved(id, agent.Info);
            return true;
        }
        if (!_unreachableTasks.Remove(name, out var unreachable)) return false;
        _gone.Add(name);
        foreach (var (frameworkId, task, agentId) in unreachable)
        {
            if (!IsRegistered(frameworkId)) continue;
            var framework = _frameworks[frameworkId.Value]!;
            if (!framework.Info.HasCapability(PartitionAware)) continue;
            Notify(framework, new StatusUpdate(frameworkId, task, agentId, TaskState.GoneByOperator, _loop.Now, MarkedGoneReason)
            { Code = StatusReason.AgentRemovedByOperator, Source = StatusSource.Master });
        }
        return true;
    }

    public bool TryFindAgent(string name, out AgentId id) => _agentsByName.TryGetValue(name, out id);

    /// <summary>The id last given to the agent of that name, registered now or not (-1: never seen), for a
    /// reconciliation that names the agent by name (the live scheduler API's agent_id).</summary>
    public AgentId LastIdOf(string name) => new(_agentNames.LastIndexOf(name));

    // ---- maintenance --------------------------------------------------------------------------------

    /// <summary>
    /// Schedules (or, with null, cancels) a maintenance window on the agent (src/master/master.cpp,
    /// updateUnavailability): its offers are rescinded, so that new ones carry the window, its inverse offers
    /// are withdrawn and rescinded, and the allocator starts from a clean slate for the agent; inverse offers
    /// then go to the frameworks that hold resources there at the next runs. The window's start is not acted on
    /// here: taking the machine down is the operator's (DRAIN_AGENT, or an experiment's window).
    /// </summary>
    public void UpdateMaintenance(AgentId id, Unavailability? unavailability)
    {
        var agent = AgentEntryOf(id);
        agent.Unavailability = unavailability;
        foreach (var offer in _offers.OfAgent(agent.Id)) Rescind(offer, "maintenance scheduled", recover: true);
        foreach (var inverse in _inverseOffers.Values.Where(o => o.Agent == id).ToArray()) WithdrawInverseOffer(inverse);
        _allocator.UpdateUnavailability(id, unavailability);
        TriggerAllocation(id);
    }

    public Unavailability? UnavailabilityOf(AgentId id) => AgentEntryOf(id).Unavailability;

    /// <summary>Inverse offers the framework has not answered, in the order they were made.</summary>
    public IReadOnlyList<InverseOffer> OutstandingInverseOffers(FrameworkId id) =>
        _inverseOffers.Values.Where(o => o.Framework == id).ToArray();

    /// <summary>ACCEPT_INVERSE_OFFERS: the framework is ready for the windows; <paramref name="filter"/> keeps
    /// further inverse offers for those agents away that long. Unknown offers are ignored.</summary>
    public void AcceptInverseOffers(FrameworkId id, IReadOnlyList<OfferId> offers, OfferFilter filter) =>
        AnswerInverseOffers(id, offers, filter, accepted: true);

    /// <summary>DECLINE_INVERSE_OFFERS: the framework is not ready (yet).</summary>
    public void DeclineInverseOffers(FrameworkId id, IReadOnlyList<OfferId> offers, OfferFilter filter) =>
        AnswerInverseOffers(id, offers, filter, accepted: false);

    private void AnswerInverseOffers(FrameworkId id, IReadOnlyList<OfferId> offers, OfferFilter filter, bool accepted)
    {
        FrameworkEntryOf(id);
        foreach (var offerId in offers)
        {
            if (!_inverseOffers.TryGetValue(offerId.Value, out var inverse) || inverse.Framework != id) continue;
            _inverseOffers.Remove(offerId.Value);
            _allocator.UpdateInverseOffer(id, inverse.Agent, accepted, filter.RefuseFor);
            foreach (var l in _listeners) l.InverseOfferAnswered(inverse, accepted);
        }
    }

    /// <summary>generateInverseOffers after a run: each becomes an inverse offer, sent on the loop.</summary>
    private void MakeInverseOffers(IReadOnlyCollection<AgentId>? agents)
    {
        _inverseGrants.Clear();
        _allocator.GenerateInverseOffers(agents, _inverseGrants);
        foreach (var (frameworkId, agentId) in _inverseGrants)
        {
            if (!IsRegistered(frameworkId) || !IsRegistered(agentId)) continue;
            var framework = _frameworks[frameworkId.Value]!;
            var agent = _agents[agentId.Value]!;
            if (agent.Unavailability is not { } window) continue;
            var inverse = new InverseOffer(new OfferId(_nextOfferId++), frameworkId, agentId, agent.Info, window, _loop.Now);
            _inverseOffers.Add(inverse.Id.Value, inverse);
            foreach (var l in _listeners) l.InverseOfferMade(inverse);
            var link = framework.Link;
            _loop.At(_loop.Now, () =>
            {
                if (_inverseOffers.ContainsKey(inverse.Id.Value)) link.InverseOffers([inverse]);
            });
        }
    }

    private void WithdrawInverseOffers(Func<InverseOffer, bool> which, bool notify)
    {
        if (_inverseOffers.Count == 0) return;
        foreach (var inverse in _inverseOffers.Values.Where(which).ToArray()) WithdrawInverseOffer(inverse, notify);
    }

    /// <summary>The window changed or its framework or agent left: the inverse offer is void.</summary>
    private void WithdrawInverseOffer(InverseOffer inverse, bool notify = true)
    {
        _inverseOffers.Remove(inverse.Id.Value);
        if (IsRegistered(inverse.Framework) && IsRegistered(inverse.Agent))
            _allocator.UpdateInverseOffer(inverse.Framework, inverse.Agent, null, Duration.Zero);
        if (!notify || !IsRegistered(inverse.Framework)) return;
        var link = _frameworks[inverse.Framework.Value]!.Link;
        var framework = inverse.Framework;
        _loop.At(_loop.Now, () =>
        {
            if (IsRegistered(framework)) link.InverseOfferRescinded(inverse.Id);
        });
    }

    public AgentInfo AgentInfoOf(AgentId id) => AgentEntryOf(id).Info;

    public bool IsRegistered(AgentId id) => id.Value >= 0 && id.Value < _agents.Count && _agents[id.Value] != null;

    public IEnumerable<AgentId> Agents =>
        _agents.Where(a => a != null).Select(a => a!.Id);

    public int AgentCount => _agentsByName.Count;

    // ---- frameworks ---------------------------------------------------------------------------------

    public FrameworkId AddFramework(FrameworkInfo info, ISchedulerLink link)
    {
        if (_frameworksByName.ContainsKey(info.Name))
            throw new InvalidOperationException($"framework '{info.Name}' is already registered");
        var id = new FrameworkId(_frameworks.Count);
        _frameworks.Add(new FrameworkEntry(id, info, link));
        _frameworksByName.Add(info.Name, id);
        _allocator.AddFramework(id, info);
        foreach (var l in _listeners) l.FrameworkAdded(id, info);
        TriggerAllocation(null);
        return id;
    }

    /// <summary>
    /// Registers, under the id an earlier leader gave it, a framework recovered from the registry after a
    /// master failover: disconnected (no offers) until it subscribes again with that id and
    /// <see cref="ActivateFramework"/> is called. Ids of frameworks added later follow the highest one.
    /// </summary>
    public void ReadmitFramework(FrameworkId id, FrameworkInfo info, ISchedulerLink link)
    {
        if (_frameworksByName.ContainsKey(info.Name) || IsRegistered(id))
            throw new InvalidOperationException($"framework '{info.Name}' ({id}) is already registered");
        while (_frameworks.Count <= id.Value) _frameworks.Add(null);
        _frameworks[id.Value] = new FrameworkEntry(id, info, link) { Active = false };
        _frameworksByName.Add(info.Name, id);
        _allocator.AddFramework(id, info);
        // Disconnected until it subscribes again (ActivateFramework): the allocator skips it meanwhile.
        _allocator.DeactivateFramework(id);
        foreach (var l in _listeners) l.FrameworkAdded(id, info);
    }

    /// <summary>Removes a framework: its offers and tasks are taken back and everything it held returns.</summary>
    public void RemoveFramework(FrameworkId id)
    {
        var framework = FrameworkEntryOf(id);
        WithdrawInverseOffers(o => o.Framework == id, notify: false);
        foreach (var offer in _offers.OfFramework(framework.Id))
            Rescind(offer, "framework removed", recover: true, notify: false);
        foreach (var task in framework.Tasks.Listed())
        {
            _agents[task.Agent.Value]!.Link.Kill(id, task.Spec.Id);
            Terminate(framework, task, TaskState.Killed, "framework removed", recover: true, notify: false,
                code: StatusReason.FrameworkRemoved, source: StatusSource.Master);
        }
        _allocator.RemoveFramework(id);
        _frameworks[id.Value] = null;
        _frameworksByName.Remove(framework.Info.Name);
        foreach (var l in _listeners) l.FrameworkRemoved(id, framework.Info);
    }

    public bool TryFindFramework(string name, out FrameworkId id) => _frameworksByName.TryGetValue(name, out id);

    public FrameworkInfo FrameworkInfoOf(FrameworkId id) => FrameworkEntryOf(id).Info;

    public bool IsRegistered(FrameworkId id) =>
        id.Value >= 0 && id.Value < _frameworks.Count && _frameworks[id.Value] != null;

    public IEnumerable<FrameworkId> Frameworks =>
        _frameworks.Where(f => f != null).Select(f => f!.Id);

    /// <summary>Offers the framework holds now, in the order they were made.</summary>
    public IReadOnlyList<Offer> OutstandingOffers(FrameworkId id) =>
        _offers.OfFramework(FrameworkEntryOf(id).Id);

    public int OutstandingOfferCount => _offers.Count;

    public int RunningTasks(FrameworkId id) => FrameworkEntryOf(id).RunningTasks;

    /// <summary>Tasks launched and not yet ended (staging or running).</summary>
    public int LiveTasks(FrameworkId id) => FrameworkEntryOf(id).Tasks.Count;

    public TaskState? StateOf(FrameworkId id, TaskId task) =>
        FrameworkEntryOf(id).Tasks.TryGetValue(task, out var entry) ? entry.State : null;

    /// <summary>Agent the task runs on, if it is live.</summary>
    public AgentId? AgentOf(FrameworkId id, TaskId task) =>
        FrameworkEntryOf(id).Tasks.TryGetValue(task, out var entry) ? entry.Agent : null;

    /// <summary>The role of the offer a live task was launched on (<see cref="Oversubscription.RevocableResources.Role"/>
    /// for a revocable task), if it is live: a remote agent is told at launch whether the task is revocable.</summary>
    public string? RoleOf(FrameworkId id, TaskId task) =>
        FrameworkEntryOf(id).Tasks.TryGetValue(task, out var entry) ? entry.Role : null;

    // ---- the framework side of the offer protocol ---------------------------------------------------

    /// <summary>
    /// Launches <paramref name="tasks"/> on the agent of <paramref name="offers"/> (all on one agent), after
    /// applying <paramref name="operations"/> (reserve, unreserve) to them. Tasks use the offers' reserved
    /// resources first. What the tasks do not use is declined with <paramref name="filter"/>, as Mesos does for
    /// an accept.
    /// </summary>
    public AcceptOutcome Accept(FrameworkId id, IReadOnlyList<OfferId> offers, IReadOnlyList<TaskSpec> tasks,
        OfferFilter filter, IReadOnlyList<OfferOperation>? operations = null)
    {
        // Every launch is an accept: its working lists are kept for the next one (taken, so that an accept made
        // from inside another, were a listener ever to make one, gets lists of its own).
        var entries = _acceptEntries ?? [];
        _acceptEntries = null;
        var footprints = _acceptFootprints ?? [];
        _acceptFootprints = null;
        if (footprints.Length < tasks.Count) footprints = new Resources.Resources[Math.Max(tasks.Count, 2 * footprints.Length)];
        try
        {
            return Accept(id, offers, tasks, filter, operations, entries, footprints);
        }
        finally
        {
            entries.Clear();
            _acceptEntries = entries;
            _acceptFootprints = footprints;
        }
    }

    private List<int>? _acceptEntries = [];
    private Resources.Resources[]? _acceptFootprints = [];

    private AcceptOutcome Accept(FrameworkId id, IReadOnlyList<OfferId> offers, IReadOnlyList<TaskSpec> tasks,
        OfferFilter filter, IReadOnlyList<OfferOperation>? operations, List<int> entries,
        Resources.Resources[] footprints)
    {
        var framework = FrameworkEntryOf(id);
        bool allOutstanding = offers.Count > 0;
        for (int k = 0; k < offers.Count; k++)
        {
            var offerId = offers[k];
            int slot = _offers.SlotOf(offerId);
            if (slot >= 0 && _offers[slot].Framework == id
                && (entries.Count == 0 || _offers[entries[0]].Agent == _offers[slot].Agent)
                && !entries.Contains(slot))
                entries.Add(slot);
            else
                allOutstanding = false;
        }
        if (!allOutstanding)
        {
            // Mesos drops an accept naming an offer that is gone; the tasks are reported LOST so the framework
            // can launch them again on another offer. Offers that were valid return unfiltered.
            foreach (int slot in entries) Withdraw(slot, OfferFilter.None, declined: false);
            foreach (var task in tasks) ReportUnlaunched(framework, task, TaskState.Lost, "offer no longer outstanding");
            return AcceptOutcome.OfferNotOutstanding;
        }

        var first = _offers[entries[0]];
        var agent = _agents[first.Agent.Value]!;
        // Offers accepted together must be for one role (Mesos's offer validation: "aggregated offers must be
        // allocated to the same role"); the tasks and what is left are accounted in it.
        var role = first.Role;
        var offered = Resources.Resources.Empty;
        var reserved = Resources.Resources.Empty;
        var inherited = Resources.Resources.Empty;
        bool oneRole = true;
        foreach (int slot in entries)
        {
            var offer = _offers[slot];
            offered += offer.Resources;
            reserved += offer.Reserved;
            inherited += offer.Inherited;
            oneRole &= offer.Role == role;
        }
        // A loop, not entries.Any(e => ...): a lambda capturing the role made a closure on every accept.
        string? problem = !oneRole
            ? "the offers are for different roles"
            : CheckOperations(operations, offered, reserved, inherited, role);
        var used = Resources.Resources.Empty;
        // Duplicate ids are looked for only when there can be any: most accepts launch one task.
        var ids = tasks.Count > 1 ? new HashSet<TaskId>() : null;
        for (int i = 0; i < tasks.Count && problem == null; i++)
        {
            var task = tasks[i];
            footprints[i] = _allocator.Footprint(task.Resources);
            used += footprints[i];
            if ((ids != null && !ids.Add(task.Id)) || framework.Tasks.ContainsKey(task.Id))
                problem = $"task id '{task.Id}' is already in use";
            else if (task.Resources.IsEmpty)
                problem = $"task '{task.Id}' asks for no resources";
        }
        if (problem == null && !offered.Contains(used))
            problem = $"tasks need {used} but the offers hold {offered}";
        problem ??= CheckReservedUse(tasks, footprints, offered, ReservedAfter(operations, reserved));
        if (problem != null)
        {
            foreach (int slot in entries) Withdraw(slot, OfferFilter.None, declined: false);
            foreach (var task in tasks) ReportUnlaunched(framework, task, TaskState.Failed, "invalid accept: " + problem);
            return AcceptOutcome.Invalid;
        }

        foreach (int slot in entries)
        {
            var offer = _offers[slot];
            Forget(slot);
            foreach (var l in _listeners) l.OfferAccepted(offer);
        }
        foreach (var op in operations ?? [])
        {
            // The resources stay held by the framework; only their reservation changes.
            bool done = op.Kind == OfferOperationKind.Reserve
                ? _allocator.Reserve(agent.Id, role, op.Resources, id)
                : _allocator.Unreserve(agent.Id, role, op.Resources, id);
            if (!done) throw new InvalidOperationException($"the allocator refused {op.Kind} {op.Resources} on {agent.Info.Name}");
            reserved = op.Kind == OfferOperationKind.Reserve ? reserved + op.Resources : reserved - op.Resources;
        }
        // Tasks that name reserved resources hold them; the others take what reserved is left first.
        var reservedLeft = reserved;
        for (int i = 0; i < tasks.Count; i++)
            if (tasks[i].UsesReserved == true) reservedLeft -= footprints[i];
        for (int i = 0; i < tasks.Count; i++)
        {
            var task = tasks[i];
            var fromReserved = task.UsesReserved switch
            {
                true => footprints[i],
                false => Resources.Resources.Empty,
                null => footprints[i].Min(reservedLeft),
            };
            if (task.UsesReserved == null) reservedLeft -= fromReserved;
            var record = new TaskEntry(id, agent.Id, task, _loop.Now) { Held = footprints[i], HeldReserved = fromReserved, Role = role };
            framework.Tasks.Add(record);
            agent.AddTask(_live.Add(record));
            foreach (var l in _listeners) l.TaskLaunched(id, agent.Id, task, _loop.Now);
            agent.Link.Launch(id, task);
        }
        var unused = offered - used;
        if (!unused.IsEmpty) _allocator.Recover(id, agent.Id, unused, filter.RefuseFor, reservedLeft, role);
        return AcceptOutcome.Launched;
    }

    private static Resources.Resources ReservedAfter(IReadOnlyList<OfferOperation>? operations, Resources.Resources reserved)
    {
        foreach (var op in operations ?? [])
            reserved = op.Kind == OfferOperationKind.Reserve ? reserved + op.Resources : reserved - op.Resources;
        return reserved;
    }

    /// <summary>Tasks that ask for reserved (or unreserved) resources only must fit in those (with the others
    /// fitting in all, which the caller checked, the rest follows).</summary>
    private static string? CheckReservedUse(IReadOnlyList<TaskSpec> tasks, Resources.Resources[] footprints,
        Resources.Resources offered, Resources.Resources reserved)
    {
        var onReserved = Resources.Resources.Empty;
        var onUnreserved = Resources.Resources.Empty;
        for (int i = 0; i < tasks.Count; i++)
        {
            if (tasks[i].UsesReserved == true) onReserved += footprints[i];
            else if (tasks[i].UsesReserved == false) onUnreserved += footprints[i];
        }
        if (!reserved.Contains(onReserved)) return $"tasks need {onReserved} reserved but the offers hold {reserved} reserved";
        if (!(offered - reserved).Contains(onUnreserved))
            return $"tasks need {onUnreserved} unreserved but the offers hold {offered - reserved} unreserved";
        return null;
    }

    private static string? CheckOperations(IReadOnlyList<OfferOperation>? operations, Resources.Resources offered,
        Resources.Resources reserved, Resources.Resources inherited, string role)
    {
        foreach (var op in operations ?? [])
        {
            var unreserved = offered - reserved;
            if (op.Kind == OfferOperationKind.Reserve)
            {
                if (!unreserved.Contains(op.Resources)) return $"cannot reserve {op.Resources}: the offers hold {unreserved} unreserved";
                reserved += op.Resources;
            }
            else
            {
                // A framework unreserves its role's reservations, not an ancestor's it was offered.
                if (!(reserved - inherited).Contains(op.Resources))
                    return $"cannot unreserve {op.Resources}: the offers hold {reserved - inherited} reserved for role '{role}'";
                reserved -= op.Resources;
            }
        }
        return null;
    }

    /// <summary>Declines offers; each installs <paramref name="filter"/>. Offers no longer outstanding are ignored.</summary>
    public void Decline(FrameworkId id, IReadOnlyList<OfferId> offers, OfferFilter filter)
    {
        FrameworkEntryOf(id);
        for (int i = 0; i < offers.Count; i++) DeclineOutstanding(id, offers[i], filter);
    }

    /// <summary>Declines one offer (the most common answer); see <see cref="Decline(FrameworkId, IReadOnlyList{OfferId}, OfferFilter)"/>.</summary>
    public void Decline(FrameworkId id, OfferId offer, OfferFilter filter)
    {
        FrameworkEntryOf(id);
        DeclineOutstanding(id, offer, filter);
    }

    private void DeclineOutstanding(FrameworkId id, OfferId offer, OfferFilter filter)
    {
        int slot = _offers.SlotOf(offer);
        if (slot >= 0 && _offers[slot].Framework == id) Withdraw(slot, filter, declined: true);
    }

    /// <summary>Declines every offer the framework holds.</summary>
    public void DeclineAll(FrameworkId id, OfferFilter filter)
    {
        foreach (var offer in _offers.OfFramework(FrameworkEntryOf(id).Id))
            Withdraw(_offers.SlotOf(offer.Id), filter, declined: true);
    }

    /// <summary>Stops offers to the framework; offers it holds stay outstanding.</summary>
    public void Suppress(FrameworkId id) => Suppress(id, []);

    /// <summary>SUPPRESS for some of the framework's roles (none: all of them).</summary>
    public void Suppress(FrameworkId id, IReadOnlyCollection<string> roles)
    {
        var framework = FrameworkEntryOf(id);
        foreach (var role in framework.Info.Roles)
            if (roles.Count == 0 || roles.Contains(role)) framework.SuppressedRoles.Add(role);
        _allocator.Suppress(id, roles);
    }

    /// <summary>The framework's roles in which it asked for no offers and has not revived since.</summary>
    public IReadOnlyCollection<string> SuppressedRoles(FrameworkId id) => FrameworkEntryOf(id).SuppressedRoles.ToArray();

    /// <summary>Clears the framework's filters, ends suppression and runs allocation at once.</summary>
    public void Revive(FrameworkId id) => Revive(id, []);

    /// <summary>REVIVE for some of the framework's roles (none: all of them).</summary>
    public void Revive(FrameworkId id, IReadOnlyCollection<string> roles)
    {
        // A disconnected framework stays out of allocation until it subscribes again, unsuppressed then: it
        // subscribes with the suppression it wants (SUBSCRIBE's suppressed_roles), its latest word.
        var framework = FrameworkEntryOf(id);
        if (roles.Count == 0) framework.SuppressedRoles.Clear();
        else framework.SuppressedRoles.ExceptWith(roles);
        _allocator.Revive(id, roles);
        if (framework.Active) TriggerAllocation(null);
    }

    /// <summary>Asks the task's agent to kill it; false when the framework has no such live task.</summary>
    public bool KillTask(FrameworkId id, TaskId task)
    {
        var framework = FrameworkEntryOf(id);
        if (!framework.Tasks.TryGetValue(task, out var entry)) return false;
        _agents[entry.Agent.Value]!.Link.Kill(id, task);
        return true;
    }

    /// <summary>RECONCILE naming tasks without their agents (every task the framework has when
    /// <paramref name="tasks"/> is empty); see <see cref="Reconcile(FrameworkId, IReadOnlyList{ReconcileTask})"/>.</summary>
    public void Reconcile(FrameworkId id, IReadOnlyList<TaskId> tasks)
    {
        var named = new ReconcileTask[tasks.Count];
        for (int i = 0; i < named.Length; i++) named[i] = new ReconcileTask(tasks[i]);
        Reconcile(id, named);
    }

    /// <summary>
    /// RECONCILE (src/master/master.cpp, Master::reconcile): answers as Mesos does; nothing changes and
    /// listeners see no status change. Implicit (no tasks): the latest state of every task the master knows
    /// of the framework, those that ended and whose terminal update it has not acknowledged included (see
    /// <see cref="Acknowledge"/>; reconciliation_tests.cpp, UnacknowledgedTerminalTask and ImplicitTerminalTask).
    /// Explicit, for each task:
    /// (1) known (live, or ended and unacknowledged): its latest state;
    /// (2) unknown, its agent (or, with no agent named, any agent) recovering after a failover: no answer;
    /// (3) unknown, agent registered: GONE;
    /// (4) agent unreachable: UNREACHABLE;
    /// (5) agent marked gone: GONE_BY_OPERATOR;
    /// (6) agent unknown (removed, never seen, or not named): UNKNOWN;
    /// LOST instead of (3)-(6) to a framework that is not PARTITION_AWARE.
    /// A task on an agent still awaiting re-registration counts as unknown: a new Mesos master learns of it
    /// only when its agent re-registers (the simulator keeps it through the failover).
    /// </summary>
    public void Reconcile(FrameworkId id, IReadOnlyList<ReconcileTask> tasks)
    {
        var framework = FrameworkEntryOf(id);
        if (tasks.Count == 0)
        {
            // Implicit: foreachvalue (Task* task, framework->tasks), the tasks the master knows: the live ones and
            // those ended but not acknowledged (a live task shadows an ended one of the same id), by task id.
            var answers = new List<StatusUpdate>(framework.Tasks.Count + framework.Unacknowledged.Count);
            foreach (var task in framework.Tasks.Listed())
                if (!IsAwaitingReregistration(task.Agent))
                    answers.Add(Reconciled(id, task.Spec.Id, task.Agent, task.State, LatestStateReason));
            foreach (var (task, ended) in framework.Unacknowledged)
                if (!framework.Tasks.ContainsKey(task) && !IsAwaitingReregistration(ended.Agent))
                    answers.Add(LatestState(ended));
            answers.Sort((a, b) => string.CompareOrdinal(a.Task.Value, b.Task.Value));
            foreach (var answer in answers) Send(framework, answer);
            return;
        }
        foreach (var named in tasks)
            if (ReconciliationAnswer(framework, named) is { } answer) Send(framework, answer);
    }

    /// <summary>The reason of a reconciliation answer with the task's latest state (Mesos's message
    /// "Reconciliation: Latest task state").</summary>
    public const string LatestStateReason = "reconciliation";

    /// <summary>The reconciliation answer for a task that ended and whose terminal update is unacknowledged.</summary>
    private StatusUpdate LatestState(StatusUpdate ended) =>
        new(ended.Framework, ended.Task, ended.Agent, ended.State, _loop.Now, LatestStateReason);

    /// <summary>
    /// ACKNOWLEDGE (src/master/master.cpp, Master::acknowledge): the framework has handled
    /// <paramref name="update"/>. When it is the terminal update of a task that ended on its agent (the update the
    /// master sent, compared by value as Mesos compares its uuid), the master forgets the task: reconciliation
    /// no longer knows it ("Remove the task once the terminal update is acknowledged"). Any other acknowledgement
    /// (an update that is not terminal, a reconciliation answer, one already acknowledged, an unknown framework)
    /// changes nothing. The task's resources returned when it ended (Master::updateTask).
    /// <para>
    /// The simulator's at-least-once model: the master sends each update once and the framework acknowledges
    /// it (<see cref="ISchedulerDriver.Acknowledge"/>; the batch, gang and service frameworks as soon as they
    /// receive it, as Mesos's driver does with implicit acknowledgements; the live scheduler API on ACKNOWLEDGE).
    /// An agent here reports an update once, so Mesos's agent-side retries and its one-update-at-a-time
    /// status_update_state (which may lag the task's latest state) are not modelled: the state answered is the
    /// latest sent. When the task's agent is removed first, the master forgets the task with it (removeTask in
    /// __removeSlave); Mesos then also sends the framework the agent's LOST (or UNREACHABLE, GONE_BY_OPERATOR)
    /// for it, which the simulator does not.
    /// </para>
    /// </summary>
    public void Acknowledge(FrameworkId id, StatusUpdate update)
    {
        if (!IsRegistered(id)) return;
        var unacknowledged = _frameworks[id.Value]!.Unacknowledged;
        if (unacknowledged.TryGetValue(update.Task, out var terminal) && terminal == update)
            unacknowledged.Remove(update.Task);
    }

    /// <summary>Whether the task ended and the framework has not acknowledged its terminal update yet.</summary>
    public bool IsUnacknowledged(FrameworkId id, TaskId task) => FrameworkEntryOf(id).Unacknowledged.ContainsKey(task);

    /// <summary>The agent is removed: the ended tasks it ran leave the master with it (__removeSlave calls
    /// removeTask for every task in slave->tasks, terminal ones included).</summary>
    private void ForgetUnacknowledged(AgentId agent)
    {
        foreach (var framework in _frameworks)
        {
            if (framework == null || framework.Unacknowledged.Count == 0) continue;
            List<TaskId>? gone = null;
            foreach (var (task, ended) in framework.Unacknowledged)
                if (ended.Agent == agent) (gone ??= []).Add(task);
            if (gone != null)
                foreach (var task in gone) framework.Unacknowledged.Remove(task);
        }
    }

    /// <summary>Master::reconcile's explicit cases, in its order; null for case (2), no answer.</summary>
    private StatusUpdate? ReconciliationAnswer(FrameworkEntry framework, ReconcileTask named)
    {
        var id = framework.Id;
        // (1) "Task is known: send the latest status update state." Known is live, or ended with its terminal
        // update not yet acknowledged (framework->getTask finds it until Master::acknowledge removes it).
        if (framework.Tasks.TryGetValue(named.Task, out var task))
        {
            if (!IsAwaitingReregistration(task.Agent))
                return Reconciled(id, named.Task, task.Agent, task.State, LatestStateReason);
        }
        else if (framework.Unacknowledged.TryGetValue(named.Task, out var ended) && !IsAwaitingReregistration(ended.Agent))
            return LatestState(ended);
        // The simulator numbers an agent anew each time it registers; its name is what Mesos's SlaveID is,
        // kept across re-registration, so the agent named is looked up by the name it had.
        string? name = named.Agent is { Value: >= 0 } a && a.Value < _agentNames.Count ? _agentNames[a.Value] : null;
        AgentId? registered = name != null && _agentsByName.TryGetValue(name, out var current) ? current : null;
        // (2) "(slaveId.isSome() && slaves.recovered.contains(slaveId.get())) || (slaveId.isNone() &&
        // !slaves.recovered.empty())": the framework retries until the agent re-registers or is removed.
        if (named.Agent == null ? AgentsAwaitingReregistration.Count > 0 : registered is { } r && IsAwaitingReregistration(r))
            return null;
        bool aware = framework.Info.HasCapability(PartitionAware);
        var agent = named.Agent ?? new AgentId(-1);
        // (3) "slaves.registered.contains(slaveId.get())": TASK_GONE, "Task is unknown to the agent".
        if (registered != null)
            return Reconciled(id, named.Task, agent, aware ? TaskState.Gone : TaskState.Lost, "reconciliation: task unknown to the agent");
        // (4) "slaves.unreachable.contains(slaveId.get())": TASK_UNREACHABLE, "Task is unreachable".
        if (name != null && IsUnreachable(name))
            return Reconciled(id, named.Task, agent, aware ? TaskState.Unreachable : TaskState.Lost, "reconciliation: task unreachable");
        // (5) "slaves.gone.contains(slaveId.get())": TASK_GONE_BY_OPERATOR, "Task is gone".
        if (name != null && IsGone(name))
            return Reconciled(id, named.Task, agent, aware ? TaskState.GoneByOperator : TaskState.Lost, "reconciliation: task gone");
        // (6) "Task is unknown, slave is unknown: TASK_UNKNOWN" (a removed agent is in none of the sets above).
        return Reconciled(id, named.Task, agent, aware ? TaskState.Unknown : TaskState.Lost, "reconciliation: task unknown");
    }

    /// <summary>
    /// The framework lost its connection (Mesos's Master::deactivate(Framework*), src/master/master.cpp): the
    /// allocator stops offering to it and drops its filters, its offers are taken back (without a filter), but
    /// its tasks keep running until it comes back or is removed.
    /// </summary>
    public void DeactivateFramework(FrameworkId id)
    {
        var framework = FrameworkEntryOf(id);
        if (!framework.Active) return;
        framework.Active = false;
        _allocator.DeactivateFramework(id);
        foreach (var offer in _offers.OfFramework(framework.Id))
            Rescind(offer, "framework disconnected", recover: true, notify: false);
        // Master::deactivate removes its inverse offers too.
        WithdrawInverseOffers(o => o.Framework == id, notify: false);
    }

    /// <summary>The framework subscribed again with its id: offers resume (unless it is suppressed: a
    /// suppression outlives the disconnection, hierarchical.cpp activateFramework) and allocation runs.</summary>
    public void ActivateFramework(FrameworkId id)
    {
        var framework = FrameworkEntryOf(id);
        if (framework.Active) return;
        framework.Active = true;
        _allocator.ActivateFramework(id);
        TriggerAllocation(null);
    }

    /// <summary>
    /// UPDATE_FRAMEWORK (src/master/master.cpp, Master::updateFramework): the framework's roles, capabilities
    /// and minimum allocatable resources change, and the roles in which it is suppressed; offers made to a role
    /// it left are rescinded. The name cannot change (frameworks are known by it here), and a framework with
    /// live tasks in a role cannot leave it (Mesos keeps tracking such a role until they end; not modelled).
    /// Unsuppressing clears the role's filters as REVIVE does; as in Mesos, the update itself runs no
    /// allocation.
    /// </summary>
    public void UpdateFramework(FrameworkId id, FrameworkInfo info, IReadOnlyCollection<string> suppressedRoles)
    {
        var framework = FrameworkEntryOf(id);
        if (info.Name != framework.Info.Name)
            throw new InvalidOperationException($"framework '{framework.Info.Name}' cannot be renamed '{info.Name}'");
        foreach (var task in framework.Tasks.Listed())
            if (!info.Roles.Contains(task.Role))
                throw new InvalidOperationException(
                    $"framework '{info.Name}' has live tasks in role '{task.Role}': it can leave a role only without tasks there");
        foreach (var offer in _offers.OfFramework(framework.Id))
            if (!info.Roles.Contains(offer.Role)) Rescind(offer, "framework left the role", recover: true);
        _allocator.UpdateFramework(id, info, suppressedRoles);
        framework.Info = info;
        framework.SuppressedRoles.Clear();
        framework.SuppressedRoles.UnionWith(suppressedRoles.Where(info.Roles.Contains));
        foreach (var l in _listeners) l.FrameworkUpdated(id, info);
    }

    public bool IsActive(FrameworkId id) => FrameworkEntryOf(id).Active;

    // ---- operator actions ---------------------------------------------------------------------------

    /// <summary>
    /// Changes a role's weight. When the role has registered frameworks every outstanding offer is rescinded so
    /// that the new split takes effect; otherwise nothing is (src/master/weights_handler.cpp, rescindOffers).
    /// </summary>
    public void SetWeight(string role, double weight)
    {
        _allocator.UpdateWeight(role, weight);
        if (_frameworks.Any(f => f != null && f.Info.Roles.Contains(role))) RescindAll("weights changed");
    }

    /// <summary>
    /// Sets a role's quota and rescinds only the offers it must: the role's own beyond its new limit, then
    /// other roles' until its guarantee could be met (src/master/quota_handler.cpp, _update; see
    /// <see cref="RescindRules.ForQuota"/>).
    /// </summary>
    public void SetQuota(string role, Quota quota)
    {
        _allocator.SetQuota(role, quota);
        // Offers to the role's subtree count as the role's (quota_handler.cpp: allocatedToRoleSubtree).
        bool OfRole(Offer o) => o.Role is var r && (r == role || r.StartsWith(role + "/", StringComparison.Ordinal));
        var consumedAndOffered = _allocator.QuotaConsumption(role);
        foreach (var offer in _offers.ToArray())
            if (OfRole(offer)) consumedAndOffered += offer.Reserved;
        var byFramework = _frameworks.Where(f => f != null).SelectMany(f => _offers.OfFramework(f!.Id));
        var byAgent = _agents.Where(a => a != null).SelectMany(a => _offers.OfAgent(a!.Id));
        foreach (var offer in RescindRules.ForQuota(quota, consumedAndOffered, byFramework, byAgent, OfRole))
            Rescind(offer, "quota changed", recover: true);
    }

    /// <summary>
    /// Operator RESERVE: reserves unreserved resources of an agent for a role. As Mesos's master does, the
    /// agent's offers holding unreserved resources are rescinded one at a time until they cover the
    /// reservation, each with a filter of <see cref="RescindRules.OperationRefuse"/> (src/master/http.cpp,
    /// _operation); resources in use by tasks cannot be reserved.
    /// </summary>
    public void Reserve(AgentId agent, string role, Resources.Resources resources)
    {
        var entry = AgentEntryOf(agent);
        RescindForOperation(entry, resources, o => o.Unreserved, "resources reserved by the operator");
        if (!_allocator.Reserve(agent, role, resources))
            throw new InvalidOperationException(
                $"cannot reserve {resources} for role '{role}' on agent '{entry.Info.Name}': not that much unreserved is free there");
    }

    /// <summary>Operator UNRESERVE: returns reserved resources of an agent to the unreserved pool, rescinding
    /// offers of the role's reservation there as <see cref="Reserve"/> does.</summary>
    public void Unreserve(AgentId agent, string role, Resources.Resources resources)
    {
        var entry = AgentEntryOf(agent);
        // Offers to roles nested in the role may hold its reservation too (as an ancestor's, Inherited).
        RescindForOperation(entry, resources, o => o.Role == role ? o.Reserved
                : o.Role.StartsWith(role + "/", StringComparison.Ordinal) ? o.Inherited : Resources.Resources.Empty,
            "resources unreserved by the operator");
        if (!_allocator.Unreserve(agent, role, resources))
            throw new InvalidOperationException(
                $"cannot unreserve {resources} of role '{role}' on agent '{entry.Info.Name}': not that much reserved is free there");
    }

    private void RescindForOperation(AgentEntry agent, Resources.Resources required,
        Func<Offer, Resources.Resources> needed, string reason)
    {
        foreach (var offer in RescindRules.ForOperation(required, _offers.OfAgent(agent.Id), needed))
            Rescind(offer, reason, recover: true, refuse: RescindRules.OperationRefuse);
    }

    private void RescindAll(string reason)
    {
        foreach (var offer in _offers.ToArray()) Rescind(offer, reason, recover: true);
    }

    // ---- the agent side -----------------------------------------------------------------------------

    /// <summary>
    /// A task's state changed on its agent. Updates for tasks the master no longer knows (already ended, or
    /// their framework or agent removed) are ignored.
    /// </summary>
    public void UpdateTaskStatus(AgentId agentId, FrameworkId frameworkId, TaskId taskId, TaskState state,
        string? reason = null, StatusReason code = StatusReason.Unset, StatusSource source = StatusSource.Unset)
    {
        if (!IsRegistered(frameworkId) || !IsRegistered(agentId)) return;
        var framework = _frameworks[frameworkId.Value]!;
        if (!framework.Tasks.TryGetValue(taskId, out var task) || task.Agent != agentId) return;
        if (task.State == state) return;
        if (state.IsTerminal())
        {
            // Its resources return now (Master::updateTask), but the master keeps the task until the framework
            // acknowledges this update (Master::acknowledge): see Acknowledge.
            framework.Unacknowledged[taskId] = Terminate(framework, task, state, reason, recover: true, code: code, source: source);
            return;
        }
        if (state == TaskState.Running && task.State != TaskState.Running) framework.RunningTasks++;
        task.State = state;
        Notify(framework, new StatusUpdate(frameworkId, taskId, agentId, state, _loop.Now, reason) { Code = code, Source = source, FrameworkRecord = task.Spec.FrameworkRecord });
    }

    // ---- allocation ---------------------------------------------------------------------------------

    void ITimerHandler.OnTimer(long arg)
    {
        if (arg == DeliverStatus)
        {
            var (id, link, status) = _statusOutbox.Dequeue();
            if (IsRegistered(id)) link.StatusUpdate(status);
        }
        else if (arg == DeliverOffers)
        {
            // The framework may have gone, or its offers been rescinded, before this was delivered.
            var (id, link, offers) = _offerOutbox.Dequeue();
            if (!IsRegistered(id)) return;
            var outstanding = StillOutstanding(offers);
            if (outstanding.Count > 0) link.ResourceOffers(outstanding);
        }
        else if (arg == PeriodicRun)
        {
            // Re-arm first: events due at one instant run in scheduling order, so a filter that expires at the
            // same instant as this run was scheduled before it (see the filter rules in docs).
            _loop.At(_loop.Now + _options.Interval, this, PeriodicRun);
            bool skip = _options.SkipIdleRuns && !_allocator.HasNewAllocationChances;
            if (skip)
            {
                foreach (var l in _listeners) l.AllocationRan(_loop.Now, periodic: true, skipped: true, offers: 0);
                return;
            }
            Allocate(null, periodic: true);
        }
        else
        {
            _triggerScheduled = false;
            IReadOnlyCollection<AgentId>? agents = _triggerAllAgents
                ? null
                : _triggeredAgents.Where(a => _agents[a] != null).Select(a => new AgentId(a)).ToArray();
            _triggerAllAgents = false;
            _triggeredAgents.Clear();
            Allocate(agents, periodic: false);
        }
    }

    /// <summary>
    /// Asks for an allocation run at the current instant, batched with any other request at this instant:
    /// over one agent (a new agent) or all of them (null: a new or revived framework).
    /// </summary>
    private void TriggerAllocation(AgentId? agent)
    {
        if (agent is { } a) _triggeredAgents.Add(a.Value);
        else _triggerAllAgents = true;
        if (_triggerScheduled || !_started) return;
        _triggerScheduled = true;
        _loop.At(_loop.Now, this, TriggeredRun);
    }

    private void Allocate(IReadOnlyCollection<AgentId>? agents, bool periodic)
    {
        agents = AdmittedOnly(agents);
        _grants.Clear();
        _allocator.Allocate(agents, _grants, periodic);
        // Offers go out per framework, in grant order, after the run: a framework never sees a half-made run.
        // Each framework's batch is made at its final size (counted first), not grown offer by offer.
        _batched.Clear();
        if (_batchSizes.Length < _frameworks.Count) _batchSizes = new int[Math.Max(_frameworks.Count, 2 * _batchSizes.Length)];
        ReadGrantedAgents();
        for (int i = 0; i < _grants.Count; i++)
        {
            var grant = _grants[i];
            var framework = _frameworks[grant.Framework.Value]!;
            var offer = new Offer(new OfferId(_nextOfferId++), grant.Framework, grant.Agent, _grantedInfo[i],
                grant.Resources, _loop.Now)
            {
                Reserved = grant.Reserved,
                Inherited = grant.Inherited,
                Role = grant.Role ?? framework.Info.Role,
                Unavailability = _grantedWindow[i],
            };
            int slot = _offers.Add(offer);
            if (_options.OfferTimeout is { } timeout) _offers.SetTimeout(slot, ArmTimeout(offer, timeout));
            foreach (var l in _listeners) l.OfferMade(offer);
            if (framework.Batch == null)
            {
                framework.Batch = new List<Offer>(_batchSizes[grant.Framework.Value]);
                _batchSizes[grant.Framework.Value] = 0;
                _batched.Add(grant.Framework.Value);
            }
            framework.Batch.Add(offer);
        }
        // Nothing of a removed agent is kept alive by the scratch arrays.
        Array.Clear(_grantedInfo, 0, _grants.Count);
        Array.Clear(_grantedWindow, 0, _grants.Count);
        MakeInverseOffers(agents);
        foreach (var l in _listeners) l.AllocationRan(_loop.Now, periodic, skipped: false, offers: _grants.Count);
        _batched.Sort();
        foreach (int frameworkIndex in _batched)
        {
            var framework = _frameworks[frameworkIndex]!;
            var offers = framework.Batch!;
            framework.Batch = null;
            _offerOutbox.Enqueue((framework.Id, framework.Link, offers));
            _loop.At(_loop.Now, this, DeliverOffers);
        }
    }

    // Offers per framework in the allocation run under way (by framework id), so each batch is made at its size.
    private int[] _batchSizes = [];

    // What the run's offers carry of their agents' records, by grant: see ReadGrantedAgents.
    private AgentInfo[] _grantedInfo = [];
    private Unavailability?[] _grantedWindow = [];

    /// <summary>
    /// Counts each framework's offers and reads what the offers carry of their agents' records, in a loop of
    /// its own before any offer is made. The grants name agents all over the cluster, so on a large one each
    /// record is a cache miss; in the loop that makes the offers each miss waited for the one before (perf,
    /// scale-100k: 5% of the run on that one load), while in a loop that does nothing else the processor has
    /// many of them under way at once. It also starts loading each agent's chain in the offer book, which making
    /// the offer reads.
    /// </summary>
    private void ReadGrantedAgents()
    {
        if (_grantedInfo.Length < _grants.Count)
        {
            int size = Math.Max(_grants.Count, 2 * _grantedInfo.Length);
            _grantedInfo = new AgentInfo[size];
            _grantedWindow = new Unavailability?[size];
        }
        for (int i = 0; i < _grants.Count; i++)
        {
            var grant = _grants[i];
            _batchSizes[grant.Framework.Value]++;
            var agent = _agents[grant.Agent.Value]!;
            _grantedInfo[i] = agent.Info;
            _grantedWindow[i] = agent.Unavailability;
            _offers.Prefetch(grant.Agent);
        }
    }

    private List<Offer> StillOutstanding(List<Offer> offers)
    {
        int gone = 0;
        foreach (var o in offers)
        {
            if (!_offers.IsOutstanding(o.Id)) gone++;
            // The framework answers most offers at once, each answer taking its offer out of its agent's chain.
            else _offers.Prefetch(o.Agent);
        }
        if (gone == 0) return offers;
        var left = new List<Offer>(offers.Count - gone);
        foreach (var o in offers)
            if (_offers.IsOutstanding(o.Id)) left.Add(o);
        return left;
    }

    // A method of its own so that the closure is made only when offers time out.
    private TimerId ArmTimeout(Offer offer, Duration timeout) =>
        _loop.After(timeout, () => OfferTimedOut(offer));

    private void OfferTimedOut(Offer offer)
    {
        int slot = _offers.SlotOf(offer.Id);
        if (slot >= 0) Rescind(slot, "offer timed out", recover: true);
    }

    // ---- master failover (simulated) ----------------------------------------------------------------

    // Agents known from before a failover that have not re-registered with the new master yet: their tasks
    // run on, but their resources are not offered until they are back (Mesos's recovered, unreregistered
    // agents).
    private readonly HashSet<int> _awaitingReregistration = [];

    /// <summary>
    /// The master fails over to a new leader that knows the agents and their tasks only as they re-register
    /// (Mesos's registry keeps the agents, not the offers): every offer is rescinded, every framework is
    /// disconnected until it re-subscribes (<see cref="ResubscribeFramework"/>), and every agent's resources
    /// stay out of allocation until it re-registers (<see cref="ReadmitAgent"/>). An agent that does not
    /// come back is removed by the caller (<see cref="RemoveAgent"/>) after the re-registration timeout.
    /// </summary>
    public void FailOver()
    {
        foreach (var offer in _offers.ToArray()) Rescind(offer, "master failed over", recover: true);
        foreach (var framework in _frameworks)
        {
            if (framework == null || !framework.Active) continue;
            framework.Active = false;
            _allocator.DeactivateFramework(framework.Id);
        }
        foreach (var agent in _agents)
            if (agent != null) _awaitingReregistration.Add(agent.Id.Value);
    }

    /// <summary>The agent re-registered with the new master, with its running tasks: its resources are
    /// offered again. False when it was not awaited (it registered after the failover, or is gone).</summary>
    public bool ReadmitAgent(AgentId id)
    {
        if (!_awaitingReregistration.Remove(id.Value) || !IsRegistered(id)) return false;
        TriggerAllocation(id);
        return true;
    }

    /// <summary>The framework subscribed again with the new master: offers to it resume, and it is told it is
    /// subscribed (Mesos's SUBSCRIBED), so it can say again whether it wants offers.</summary>
    public void ResubscribeFramework(FrameworkId id)
    {
        var framework = FrameworkEntryOf(id);
        // A new master holds no suppression or filters of the framework's (a SUBSCRIBE without suppressed
        // roles, src/master/master.cpp, Master::subscribe): it says again whether it wants offers once told
        // it is subscribed.
        _allocator.Revive(id);
        ActivateFramework(id);
        var link = framework.Link;
        _loop.At(_loop.Now, () =>
        {
            if (IsRegistered(id)) link.Subscribed(id);
        });
    }

    /// <summary>Whether the agent is registered but has not re-registered since the last failover.</summary>
    public bool IsAwaitingReregistration(AgentId id) => _awaitingReregistration.Contains(id.Value) && IsRegistered(id);

    /// <summary>Agents that have not re-registered since the last failover, in id order.</summary>
    public IReadOnlyList<AgentId> AgentsAwaitingReregistration =>
        _awaitingReregistration.Where(a => _agents[a] != null).Order().Select(a => new AgentId(a)).ToArray();

    /// <summary>The agents an allocation run may visit: all of <paramref name="agents"/> (null: every agent)
    /// but those not yet re-registered after a failover. The same collection when none is awaited.</summary>
    private IReadOnlyCollection<AgentId>? AdmittedOnly(IReadOnlyCollection<AgentId>? agents)
    {
        if (_awaitingReregistration.Count == 0) return agents;
        _awaitingReregistration.RemoveWhere(a => _agents[a] == null);
        if (_awaitingReregistration.Count == 0) return agents;
        return (agents ?? Agents).Where(a => !_awaitingReregistration.Contains(a.Value)).ToArray();
    }

    // ---- bookkeeping --------------------------------------------------------------------------------

    /// <summary>The framework answered the offer without using it: its resources return with a filter.</summary>
    private void Withdraw(int slot, OfferFilter filter, bool declined)
    {
        var offer = _offers[slot];
        Forget(slot);
        _allocator.Recover(offer.Framework, offer.Agent, offer.Resources, filter.RefuseFor, offer.Reserved, offer.Role);
        if (declined)
            foreach (var l in _listeners) l.OfferDeclined(offer, filter);
    }

    /// <summary>Takes an offer back; <paramref name="refuse"/> is the filter its resources return with (none,
    /// but for an operator's reserve or unreserve).</summary>
    private void Rescind(Offer offer, string reason, bool recover, bool notify = true, Duration refuse = default)
    {
        int slot = _offers.SlotOf(offer.Id);
        if (slot >= 0) Rescind(slot, reason, recover, notify, refuse);
    }

    private void Rescind(int slot, string reason, bool recover, bool notify = true, Duration refuse = default)
    {
        var offer = _offers[slot];
        Forget(slot);
        if (recover) _allocator.Recover(offer.Framework, offer.Agent, offer.Resources, refuse, offer.Reserved, offer.Role);
        foreach (var l in _listeners) l.OfferRescinded(offer, reason);
        if (notify)
        {
            var link = _frameworks[offer.Framework.Value]!.Link;
            var frameworkId = offer.Framework;
            _loop.At(_loop.Now, () =>
            {
                if (IsRegistered(frameworkId)) link.OfferRescinded(offer.Id);
            });
        }
    }

    private void Forget(int slot)
    {
        var timeout = _offers.Remove(slot);
        if (timeout != TimerId.None) _loop.Cancel(timeout);
    }

    private StatusUpdate Terminate(FrameworkEntry framework, TaskEntry task, TaskState state, string? reason, bool recover,
        bool notify = true, StatusReason code = StatusReason.Unset, StatusSource source = StatusSource.Unset)
    {
        if (task.State == TaskState.Running) framework.RunningTasks--;
        task.State = state;
        framework.Tasks.Remove(task.Spec.Id);
        _agents[task.Agent.Value]?.RemoveTask(task.Slot);
        _live.Remove(task);
        // Resources of an ended task return with no filter: they are offered again at the next run.
        if (recover) _allocator.Recover(framework.Id, task.Agent, task.Held, Duration.Zero, task.HeldReserved, task.Role);
        var status = new StatusUpdate(framework.Id, task.Spec.Id, task.Agent, state, _loop.Now, reason) { Code = code, Source = source, FrameworkRecord = task.Spec.FrameworkRecord };
        foreach (var l in _listeners) l.TaskTerminated(status, task.Spec.Resources);
        if (notify) Send(framework, status);
        return status;
    }

    /// <summary>The master's answer to a reconciliation request: REASON_RECONCILIATION from SOURCE_MASTER
    /// (src/master/master.cpp, _reconcileTasks).</summary>
    private StatusUpdate Reconciled(FrameworkId framework, TaskId task, AgentId agent, TaskState state, string message) =>
        new(framework, task, agent, state, _loop.Now, message) { Code = StatusReason.Reconciliation, Source = StatusSource.Master };

    private void ReportUnlaunched(FrameworkEntry framework, TaskSpec task, TaskState state, string reason) =>
        Notify(framework, new StatusUpdate(framework.Id, task.Id, new AgentId(-1), state, _loop.Now, reason) { FrameworkRecord = task.FrameworkRecord });

    private void Notify(FrameworkEntry framework, StatusUpdate status)
    {
        foreach (var l in _listeners) l.TaskStatusChanged(status);
        Send(framework, status);
    }

    private void Send(FrameworkEntry framework, StatusUpdate status)
    {
        _statusOutbox.Enqueue((framework.Id, framework.Link, status));
        _loop.At(_loop.Now, this, DeliverStatus);
    }

    private AgentEntry AgentEntryOf(AgentId id) =>
        IsRegistered(id) ? _agents[id.Value]! : throw new InvalidOperationException($"{id} is not registered");

    private FrameworkEntry FrameworkEntryOf(FrameworkId id) =>
        IsRegistered(id) ? _frameworks[id.Value]! : throw new InvalidOperationException($"{id} is not registered");
}
