using ClusterSim.Core.Cluster;

namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>The operator schedules (or, with no window, cancels) maintenance on an agent (the maintenance
/// schedule of src/master/maintenance.cpp; the master's updateUnavailability).</summary>
public sealed class ScheduleMaintenanceStep(string agent, Unavailability? window) : ScenarioStep
{
    public override void Run(ScenarioRun run) => run.Master.UpdateMaintenance(run.AgentId(agent), window);
}
