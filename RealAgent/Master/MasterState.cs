using System.Globalization;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Oversubscription;
using ClusterSim.Core.Resources;
using ClusterSim.RealAgent.Live;

namespace ClusterSim.RealAgent.Master;

/// <summary>
/// What GET /state answers: the master's agents, frameworks, roles, offers and live tasks at one instant,
/// and the most recent task state changes (newest first), revocable resources apart from the regular ones
/// (docs/API.md, "GET /state"). The web UI's overview draws itself from it.
/// </summary>
public sealed record MasterState(
    double TimeSeconds,
    double TimeScale,
    IReadOnlyList<AgentView> Agents,
    IReadOnlyList<FrameworkView> Frameworks,
    IReadOnlyList<RoleView> Roles,
    IReadOnlyList<OfferView> Offers,
    IReadOnlyList<TaskView> Tasks,
    IReadOnlyList<TaskView> RecentChanges)
{
    /// <summary>The URL of the master that leads (with etcd leadership: whichever master answers); null when
    /// no master leads.</summary>
    public string? Leader { get; init; }

    /// <summary>
    /// An agent is shown "silent" once it has not been heard from for this many heartbeat intervals: one
    /// missed beat plus slack for a slow request.
    /// </summary>
    private const double SilentAfterIntervals = 1.5;

    /// <summary>Before the run has a master: the agents waiting in the lobby, nothing else.</summary>
    internal static MasterState Lobby(IReadOnlyList<(RemoteAgent Agent, double Silence)> agents) =>
        new(0, 1, agents.Select(a => Agent(a.Agent, null, "waiting", Resources.Empty, 0, a.Silence)).ToArray(), [], [], [], [], []);

    /// <summary>
    /// Reads the master; call on the loop thread. <paramref name="principalOf"/> names the principal a
    /// framework subscribed as, when it came over HTTP.
    /// </summary>
    internal static MasterState Of(Core.Cluster.Master master, LiveLoop loop, TaskBoard board,
        IReadOnlyList<(RemoteAgent Agent, double Silence)> agents, TimeSpan heartbeatInterval,
        Func<FrameworkId, string?>? principalOf = null)
    {
        var allocator = master.Allocator;
        string AgentName(int id) => master.IsRegistered(new AgentId(id)) ? master.AgentInfoOf(new AgentId(id)).Name : $"#{id}";
        string FrameworkName(int id) => master.IsRegistered(new FrameworkId(id)) ? master.FrameworkInfoOf(new FrameworkId(id)).Name : $"#{id}";

        // What a regular task holds is its footprint (larger than its size under slot policies), as the allocator
        // counts it; a revocable task holds its size (Master.ReadmitAgent: revocable resources are not the policy's).
        var usePerAgent = new Dictionary<int, (Resources Used, Resources Revocable, int Tasks)>();
        foreach (var task in board.Live.Values)
        {
            usePerAgent.TryGetValue(task.Agent, out var use);
            usePerAgent[task.Agent] = task.Revocable
                ? (use.Used, use.Revocable + task.Resources, use.Tasks + 1)
                : (use.Used + allocator.Footprint(task.Resources), use.Revocable, use.Tasks + 1);
        }
        // Without --oversubscription there are no revocable books: every revocable figure is zero.
        var revocable = allocator as IOversubscribedTotals;
        double silentAfter = heartbeatInterval.TotalSeconds * SilentAfterIntervals;
        var agentViews = agents.Select(a =>
        {
            if (!master.TryFindAgent(a.Agent.Info.Name, out var id)) return Agent(a.Agent, null, "waiting", Resources.Empty, 0, a.Silence);
            usePerAgent.TryGetValue(id.Value, out var use);
            var total = revocable?.OversubscribedOn(id) ?? Resources.Empty;
            return Agent(a.Agent, id.Value, a.Silence > silentAfter ? "silent" : "active", use.Used, use.Tasks, a.Silence) with
            {
                CpusRevocable = total.Cpus,
                MemRevocable = total.Mem,
                UsedCpusRevocable = use.Revocable.Cpus,
                UsedMemRevocable = use.Revocable.Mem,
            };
        }).ToArray();

        Resources RevocableOf(FrameworkId f) => revocable == null ? Resources.Empty : allocator.Allocation(f, RevocableResources.Role);
        var frameworks = master.Frameworks.Select(f =>
        {
            var info = master.FrameworkInfoOf(f);
            return new FrameworkView(f.Value, info.Name, principalOf?.Invoke(f), info.Roles, master.IsActive(f),
                Math.Round(allocator.FrameworkShare(f), 4), allocator.Allocation(f).ToString(), master.RunningTasks(f),
                master.LiveTasks(f), master.OutstandingOffers(f).Count)
            { AllocatedRevocable = RevocableOf(f).ToString() };
        }).ToArray();

        // A MULTI_ROLE framework counts in each of its roles with what it holds there.
        var roles = master.Frameworks.SelectMany(f => master.FrameworkInfoOf(f).Roles.Select(r => (Framework: f, Role: r)))
            .GroupBy(x => x.Role, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var allocated = g.Aggregate(Resources.Empty, (sum, x) => sum + allocator.Allocation(x.Framework, x.Role));
                var quota = allocator.QuotaOf(g.Key);
                // A framework's revocable resources are allocated to its first role (SchedulerEvents tells it so).
                var allocatedRevocable = g.Where(x => master.FrameworkInfoOf(x.Framework).Role == g.Key)
                    .Aggregate(Resources.Empty, (sum, x) => sum + RevocableOf(x.Framework));
                return new RoleView(g.Key, allocator.Weight(g.Key), quota.HasGuarantee ? quota.Guarantee.ToString() : "",
                    LimitText(quota), allocated.ToString(), Math.Round(allocated.MaxShareOf(allocator.Total), 4),
                    Math.Round(allocator.RoleShare(g.Key), 4), g.Count())
                { AllocatedRevocable = allocatedRevocable.ToString() };
            }).ToArray();

        var offers = master.Frameworks.SelectMany(master.OutstandingOffers)
            .Select(o => new OfferView(o.Id.Value, FrameworkName(o.Framework.Value), o.AgentInfo.Name, o.Resources.ToString(), o.MadeAt.Seconds,
                RevocableResources.IsRevocable(o))).ToArray();
        var tasks = board.Live.OrderBy(t => t.Key.Framework).ThenBy(t => t.Key.Task, StringComparer.Ordinal)
            .Select(t => new TaskView(FrameworkName(t.Key.Framework), t.Key.Task, AgentName(t.Value.Agent), t.Value.State, t.Value.Since, null, t.Value.Revocable)).ToArray();
        var changes = board.Changes.Reverse()
            .Select(t => new TaskView(FrameworkName(t.Framework), t.Task, AgentName(t.Agent), t.State, t.At, t.Reason, t.Revocable)).ToArray();
        return new MasterState(loop.Now.Seconds, loop.TimeScale, agentViews, frameworks, roles, offers, tasks, changes);
    }

    private static AgentView Agent(RemoteAgent agent, int? id, string state, Resources used, int tasks, double silence)
    {
        var total = agent.Info.Total.Total;
        return new AgentView(agent.Info.Name, agent.Url, id, state, agent.Info.Total.ToString(), total.Cpus, used.Cpus,
            total.Mem, used.Mem, tasks, silence);
    }

    /// <summary>The limited resources only: a resource absent from a quota's limit is unlimited.</summary>
    private static string LimitText(Quota quota) =>
        string.Join(";", ResourceKinds.All.Where(quota.Limited.Has)
            .Select(k => ResourceKinds.Name(k) + ":" + quota.Limit[k].ToString("0.###", CultureInfo.InvariantCulture)));
}
