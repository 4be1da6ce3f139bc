using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Core.Tests.Cluster;

/// <summary>Master task records for the tests of the master's tables: only the id differs.</summary>
internal static class TaskEntries
{
    public static TaskEntry Of(string id) =>
        new(new FrameworkId(0), new AgentId(0), new TaskSpec(new TaskId(id), R.Parse("cpus:1;mem:128"), Duration.FromMinutes(1)), Time.Zero) { Role = "*" };
}
