using ClusterSim.Core.Cluster;

namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>ACCEPT_INVERSE_OFFERS or DECLINE_INVERSE_OFFERS for the framework's outstanding inverse offers on the
/// agent, with a filter.</summary>
public sealed class AnswerInverseOffersStep(string framework, string agent, bool accept, OfferFilter refuse) : ScenarioStep
{
    public override void Run(ScenarioRun run)
    {
        var f = run.Framework(framework);
        var agentId = run.AgentId(agent);
        var offers = run.Master.OutstandingInverseOffers(f.Id).Where(o => o.Agent == agentId).Select(o => o.Id).ToArray();
        if (offers.Length == 0) throw new StepException($"{framework} holds no inverse offer for {agent}");
        if (accept) run.Master.AcceptInverseOffers(f.Id, offers, refuse);
        else run.Master.DeclineInverseOffers(f.Id, offers, refuse);
    }
}
