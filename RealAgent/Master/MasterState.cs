using ClusterSim.Core.Ids;
using ClusterSim.RealAgent.Live;

namespace ClusterSim.RealAgent.Master;

/// <summary>What GET /state answers: the master's agents, frameworks, roles, offers and tasks at one instant.</summary>
public sealed record MasterState(
    double TimeSeconds,
    double TimeScale,
    IReadOnlyList<AgentView> Agents,
    IReadOnlyList<FrameworkView> Frameworks,
    IReadOnlyList<RoleView> Roles,
    IReadOnlyList<OfferView> Offers,
    IReadOnlyList<TaskView> Tasks,
    IReadOnlyList<TaskView> RecentEnds)
{
    /// <summary>Reads the master; call on the loop thread.</summary>
    internal static MasterState Of(Core.Cluster.Master master, LiveLoop loop, TaskBoard board,
        IReadOnlyList<(RemoteAgent Agent, double Silence)> agents)
    {
        var allocator = master.Allocator;
        string AgentName(int id) => master.IsRegistered(new AgentId(id)) ? master.AgentInfoOf(new AgentId(id)).Name : $"#{id}";
        string FrameworkName(int id) => master.IsRegistered(new FrameworkId(id)) ? master.FrameworkInfoOf(new FrameworkId(id)).Name : $"#{id}";
        var tasksPerAgent = board.Live.Values.GroupBy(t => t.Agent).ToDictionary(g => g.Key, g => g.Count());
        var agentViews = agents.Select(a =>
        {
            int? id = master.TryFindAgent(a.Agent.Info.Name, out var agentId) ? agentId.Value : null;
            return new AgentView(a.Agent.Info.Name, a.Agent.Url, id, a.Agent.Info.Total.ToString(),
                id is { } i && tasksPerAgent.TryGetValue(i, out var n) ? n : 0, a.Silence);
        }).ToArray();
        var frameworks = master.Frameworks.Select(f =>
        {
            var info = master.FrameworkInfoOf(f);
            return new FrameworkView(f.Value, info.Name, info.Role, Math.Round(allocator.FrameworkShare(f), 4),
                allocator.Allocation(f).ToString(), master.RunningTasks(f), master.LiveTasks(f), master.OutstandingOffers(f).Count);
        }).ToArray();
        var roles = frameworks.Select(f => f.Role).Distinct().Order(StringComparer.Ordinal)
            .Select(r => new RoleView(r, allocator.Weight(r), Math.Round(allocator.RoleShare(r), 4))).ToArray();
        var offers = master.Frameworks.SelectMany(master.OutstandingOffers)
            .Select(o => new OfferView(o.Id.Value, FrameworkName(o.Framework.Value), o.AgentInfo.Name, o.Resources.ToString(), o.MadeAt.Seconds)).ToArray();
        var tasks = board.Live.OrderBy(t => t.Key.Framework).ThenBy(t => t.Key.Task, StringComparer.Ordinal)
            .Select(t => new TaskView(FrameworkName(t.Key.Framework), t.Key.Task, AgentName(t.Value.Agent), t.Value.State, t.Value.Since, null)).ToArray();
        var ended = board.Recent.Reverse()
            .Select(t => new TaskView(FrameworkName(t.Framework), t.Task, AgentName(t.Agent), t.State, t.At, t.Reason)).ToArray();
        return new MasterState(loop.Now.Seconds, loop.TimeScale, agentViews, frameworks, roles, offers, tasks, ended);
    }
}
