using ClusterSim.Core.Resources;

namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>
/// UPDATE_FRAMEWORK: the framework's roles, capabilities and minimum allocatable resources (those the step
/// does not give keep their values) and the roles in which it is suppressed (not given: as they are).
/// </summary>
public sealed class UpdateFrameworkStep(string framework, IReadOnlyList<string>? roles, IReadOnlySet<string>? capabilities,
    MinAllocatable? minAllocatable, IReadOnlyList<string>? suppressedRoles, bool? suppressed) : ScenarioStep
{
    public override void Run(ScenarioRun run)
    {
        var id = run.Framework(framework).Id;
        var info = run.Master.FrameworkInfoOf(id);
        if (roles != null) info = info.WithRoles(roles);
        info = info with
        {
            Capabilities = capabilities ?? info.Capabilities,
            MinAllocatable = minAllocatable ?? info.MinAllocatable,
        };
        var suppress = suppressedRoles ?? (suppressed is { } all ? (all ? info.Roles : []) : run.Master.SuppressedRoles(id));
        try
        {
            run.Master.UpdateFramework(id, info, suppress);
        }
        catch (InvalidOperationException e)
        {
            throw new StepException("the master refused the update: " + e.Message);
        }
    }
}
