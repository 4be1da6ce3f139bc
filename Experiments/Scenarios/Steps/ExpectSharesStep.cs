using System.Globalization;

namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>Dominant shares now: roles' weighted shares and frameworks' shares, within 1e-9.</summary>
public sealed class ExpectSharesStep(
    IReadOnlyList<(string Role, double Share)> roles,
    IReadOnlyList<(string Framework, double Share)> frameworks) : ScenarioStep
{
    private const double Tolerance = 1e-9;

    public override void Run(ScenarioRun run)
    {
        var wrong = new List<string>();
        var allocator = run.Master.Allocator;
        foreach (var (role, share) in roles)
            Check($"role {role}", share, allocator.RoleShare(role), wrong);
        foreach (var (framework, share) in frameworks)
            Check(framework, share, allocator.FrameworkShare(run.Framework(framework).Id), wrong);
        if (wrong.Count > 0) run.Fail(this, "dominant shares differ: " + string.Join("; ", wrong));
    }

    private static void Check(string who, double expected, double actual, List<string> wrong)
    {
        if (Math.Abs(expected - actual) > Tolerance)
            wrong.Add(string.Create(CultureInfo.InvariantCulture, $"{who}: expected {expected:0.#########}, saw {actual:0.#########}"));
    }
}
