using ClusterSim.Core.Agents;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Oversubscription;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using ClusterSim.RealAgent.Scheduler;

namespace ClusterSim.RealAgent.Master.Registry;

/// <summary>
/// Keeps the registry in line with what the leading master does, as Mesos's master tells its registrar
/// (src/master/master.cpp: admitting and removing agents, quota and weights handlers): it listens to the master
/// for agents leaving, frameworks coming and going, tasks launched and ended and reservations made by
/// frameworks' RESERVE, and is told by the host and the operator endpoints of admitted agents, agents'
/// oversubscribed totals, weights, quota, operator reservations and the maintenance schedule. Runs on the master's loop.
/// </summary>
public sealed class RegistryRecorder(MasterRegistry registry, Core.Cluster.Master master, SchedulerApi scheduler) : IMasterListener
{
    private readonly Dictionary<int, string> _agentNames = [];
    private readonly Dictionary<(string Agent, string Role), Core.Resources.Resources> _reservations = [];
    // The master tells listeners of an accepted offer just before the tasks launched on it (as UsageLedger reads it).
    private bool _acceptingRevocable;

    public MasterRegistry Registry => registry;

    /// <summary>An agent was admitted (registered new, or re-registered after a failover).</summary>
    public void AgentAdmitted(RegisteredAgent agent) => registry.Put(MasterRegistry.AgentKey(agent.Name), agent);

    /// <summary>Forgets an agent the new leader gave up on, with the tasks, reservations and oversubscribed
    /// total the registry held for it.</summary>
    public void AgentGone(string agent, IEnumerable<RegisteredTask> tasks, IEnumerable<RegisteredReservation> reservations)
    {
        registry.Delete(MasterRegistry.AgentKey(agent));
        registry.Delete(MasterRegistry.OversubscribedKey(agent));
        foreach (var task in tasks) registry.Delete(MasterRegistry.TaskKey(task.Agent, task.FrameworkId, task.TaskId));
        foreach (var reservation in reservations) registry.Delete(MasterRegistry.ReservationKey(reservation.Agent, reservation.Role));
    }

    public void TaskGone(RegisteredTask task) => registry.Delete(MasterRegistry.TaskKey(task.Agent, task.FrameworkId, task.TaskId));

    /// <summary>The leader took a changed oversubscribed total from the agent (see <see cref="RegisteredOversubscribed"/>
    /// for why it is kept); none (empty) has no entry.</summary>
    public void OversubscribedSet(string agent, Core.Resources.Resources total)
    {
        if (total.IsEmpty) registry.Delete(MasterRegistry.OversubscribedKey(agent));
        else registry.Put(MasterRegistry.OversubscribedKey(agent), new RegisteredOversubscribed(agent, total.ToString()));
    }

    public void WeightSet(string role, double weight) => registry.Put(MasterRegistry.WeightKey(role), new { weight });

    public void QuotaSet(string role, string guarantee, string? limit)
    {
        if (guarantee.Length == 0 && limit == null) registry.Delete(MasterRegistry.QuotaKey(role));
        else registry.Put(MasterRegistry.QuotaKey(role), new RegisteredQuota(role, guarantee, limit));
    }

    /// <summary>A machine entered the maintenance schedule, its window or mode changed (Mesos's
    /// maintenance::UpdateSchedule and StartMaintenance registry operations, src/master/maintenance.cpp).</summary>
    public void MachineSet(RegisteredMachine machine) => registry.Put(MasterRegistry.MachineKey(machine.Hostname), machine);

    /// <summary>A machine left the schedule or came back up (maintenance::StopMaintenance).</summary>
    public void MachineUp(string hostname) => registry.Delete(MasterRegistry.MachineKey(hostname));

    /// <summary>Writes the role's reservation on the agent as the allocator holds it now, if it changed.</summary>
    public void ReservationChanged(AgentId agent, string role)
    {
        if (!master.IsRegistered(agent)) return;
        var name = master.AgentInfoOf(agent).Name;
        var now = master.Allocator.ReservedOn(agent, role);
        var key = (name, role);
        if (_reservations.TryGetValue(key, out var before) && before == now) return;
        if (now.IsEmpty)
        {
            _reservations.Remove(key);
            registry.Delete(MasterRegistry.ReservationKey(name, role));
        }
        else
        {
            _reservations[key] = now;
            registry.Put(MasterRegistry.ReservationKey(name, role), new RegisteredReservation(name, role, now.ToString()));
        }
    }

    void IMasterListener.AgentAdded(AgentId agent, AgentInfo info)
    {
        _agentNames[agent.Value] = info.Name;
    }

    void IMasterListener.AgentRemoved(AgentId agent, AgentInfo info)
    {
        registry.Delete(MasterRegistry.AgentKey(info.Name));
        registry.Delete(MasterRegistry.OversubscribedKey(info.Name));
        foreach (var key in _reservations.Keys.Where(k => k.Agent == info.Name).ToArray())
        {
            _reservations.Remove(key);
            registry.Delete(MasterRegistry.ReservationKey(key.Agent, key.Role));
        }
    }

    void IMasterListener.FrameworkAdded(FrameworkId framework, FrameworkInfo info) => Record(framework, info);

    /// <summary>UPDATE_FRAMEWORK (or a re-subscription in other roles): a new leader readmits it as it is now.</summary>
    void IMasterListener.FrameworkUpdated(FrameworkId framework, FrameworkInfo info) => Record(framework, info);

    private void Record(FrameworkId framework, FrameworkInfo info)
    {
        // The scheduler API records the framework's principal and failover timeout just after the master has
        // added it: read them on the loop's next turn.
        master.Loop.At(master.Loop.Now, () =>
        {
            if (!master.IsRegistered(framework) || scheduler.PrincipalOf(framework) is not { } principal) return;
            var failover = scheduler.FailoverTimeoutOf(framework) ?? TimeSpan.Zero;
            registry.Put(MasterRegistry.FrameworkKey(framework.Value),
                new RegisteredFramework(framework.Value, info.Name, info.Role, principal, failover.TotalSeconds, info.Capabilities.ToArray(),
                    info.Roles.Count > 1 ? info.Roles.ToArray() : null));
        });
    }

    void IMasterListener.FrameworkRemoved(FrameworkId framework, FrameworkInfo info) =>
        registry.Delete(MasterRegistry.FrameworkKey(framework.Value));

    void IMasterListener.OfferAccepted(Offer offer)
    {
        _acceptingRevocable = RevocableResources.IsRevocable(offer);
        // A RESERVE or UNRESERVE in the accept is carried out after this call: look once it is.
        var role = master.FrameworkInfoOf(offer.Framework).Role;
        var agent = offer.Agent;
        master.Loop.At(master.Loop.Now, () => ReservationChanged(agent, role));
    }

    void IMasterListener.TaskLaunched(FrameworkId framework, AgentId agent, TaskSpec task, Time at) =>
        RecordTask(framework, agent, task, _acceptingRevocable);

    /// <summary>A task a re-registering agent came back with, revocable when readmitted in the revocable role.</summary>
    void IMasterListener.TaskReadmitted(FrameworkId framework, AgentId agent, TaskSpec task, string role, Time at) =>
        RecordTask(framework, agent, task, role == RevocableResources.Role);

    private void RecordTask(FrameworkId framework, AgentId agent, TaskSpec task, bool revocable)
    {
        if (!_agentNames.TryGetValue(agent.Value, out var name)) return;
        registry.Put(MasterRegistry.TaskKey(name, framework.Value, task.Id.Value),
            new RegisteredTask(name, framework.Value, task.Id.Value, task.Resources.Cpus, task.Resources.Mem) { Revocable = revocable });
    }

    void IMasterListener.TaskStatusChanged(StatusUpdate status)
    {
        if (!status.State.IsTerminal() || !_agentNames.TryGetValue(status.Agent.Value, out var name)) return;
        registry.Delete(MasterRegistry.TaskKey(name, status.Framework.Value, status.Task.Value));
    }
}
