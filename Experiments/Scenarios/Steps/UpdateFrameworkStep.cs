using ClusterSim.Core.Cluster;
using ClusterSim.Core.Resources;

namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>
/// UPDATE_FRAMEWORK: the framework's role, capabilities and minimum allocatable resources (those the step
/// does not give keep their values) and whether it is suppressed (not given: as it is).
/// </summary>
public sealed class UpdateFrameworkStep(string framework, string? role, IReadOnlySet<string>? capabilities,
    MinAllocatable? minAllocatable, bool? suppressed) : ScenarioStep
{
    public override void Run(ScenarioRun run)
    {
        var id = run.Framework(framework).Id;
        var info = run.Master.FrameworkInfoOf(id);
        info = info with
        {
            Role = role ?? info.Role,
            Capabilities = capabilities ?? info.Capabilities,
            MinAllocatable = minAllocatable ?? info.MinAllocatable,
        };
        try
        {
            run.Master.UpdateFramework(id, info, suppressed ?? run.Master.IsSuppressed(id));
        }
        catch (InvalidOperationException e)
        {
            throw new StepException("the master refused the update: " + e.Message);
        }
    }
}
