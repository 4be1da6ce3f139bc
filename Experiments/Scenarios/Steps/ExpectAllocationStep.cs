using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>What frameworks hold now (offered or in use), in all their roles or in each
/// (<paramref name="byRole"/>: accounting per (framework, role)), and what roles consume against their quota
/// (reservations, allocated or not, plus offered or used unreserved resources, their nested roles' included),
/// exactly.</summary>
public sealed class ExpectAllocationStep(
    IReadOnlyList<(string Framework, R Resources)> frameworks,
    IReadOnlyList<(string Role, R Resources)> consumption,
    IReadOnlyList<(string Framework, string Role, R Resources)> byRole) : ScenarioStep
{
    public override void Run(ScenarioRun run)
    {
        var wrong = new List<string>();
        var allocator = run.Master.Allocator;
        foreach (var (framework, expected) in frameworks)
        {
            var actual = allocator.Allocation(run.Framework(framework).Id);
            if (actual != expected) wrong.Add($"{framework}: expected {expected}, saw {actual}");
        }
        foreach (var (framework, role, expected) in byRole)
        {
            var actual = allocator.Allocation(run.Framework(framework).Id, role);
            if (actual != expected) wrong.Add($"{framework} in role {role}: expected {expected}, saw {actual}");
        }
        foreach (var (role, expected) in consumption)
        {
            var actual = allocator.QuotaConsumption(role);
            if (actual != expected) wrong.Add($"role {role} consumes: expected {expected}, saw {actual}");
        }
        if (wrong.Count > 0) run.Fail(this, "allocations differ: " + string.Join("; ", wrong));
    }
}
