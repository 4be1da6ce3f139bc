using ClusterSim.Core.Cluster;

namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>Declines the framework's outstanding offer(s) on one agent (those for <paramref name="role"/> when
/// given).</summary>
public sealed class DeclineStep(string framework, string agent, OfferFilter refuse, string? role = null) : ScenarioStep
{
    public override void Run(ScenarioRun run)
    {
        var f = run.Framework(framework);
        var agentId = run.AgentId(agent);
        var offers = run.Master.OutstandingOffers(f.Id).Where(o => o.Agent == agentId && (role == null || o.Role == role))
            .Select(o => o.Id).ToArray();
        if (offers.Length == 0) throw new StepException($"{framework} holds no offer on {agent}");
        run.Master.Decline(f.Id, offers, refuse);
    }
}
