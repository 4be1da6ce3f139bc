using ClusterSim.Core.Ids;
using ClusterSim.Core.Timing;

namespace ClusterSim.Core.Oversubscription;

/// <summary>One live task as the usage ledger sees it: what it is allocated, what it uses, whether it runs on
/// revocable resources.</summary>
public sealed record TaskUse(FrameworkId Framework, TaskId Task, AgentId Agent, Resources.Resources Allocated,
    Resources.Resources Used, bool Revocable, Time LaunchedAt);
