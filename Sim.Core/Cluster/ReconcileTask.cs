using ClusterSim.Core.Ids;

namespace ClusterSim.Core.Cluster;

/// <summary>
/// One task of an explicit RECONCILE (Mesos's scheduler::Call::Reconcile::Task, include/mesos/v1/scheduler/
/// scheduler.proto): the task and, optionally, the agent the framework last saw it on. The agent decides the
/// answer for a task the master does not know (unreachable, gone, still recovering, or running without it).
/// </summary>
public readonly record struct ReconcileTask(TaskId Task, AgentId? Agent = null);
