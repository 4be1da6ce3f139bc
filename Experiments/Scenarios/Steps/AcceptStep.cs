using ClusterSim.Core.Cluster;
using ClusterSim.Core.Tasks;


namespace ClusterSim.Experiments.Scenarios.Steps;

/// <summary>Accepts the framework's outstanding offer(s) on the agent (those for <paramref name="role"/> when
/// given), launching the tasks.</summary>
public sealed class AcceptStep(string framework, string agent, IReadOnlyList<TaskSpec> tasks, OfferFilter refuse,
    IReadOnlyList<OfferOperation> operations, string? role = null) : ScenarioStep
{
    public override void Run(ScenarioRun run)
    {
        var f = run.Framework(framework);
        var agentId = run.AgentId(agent);
        var offers = run.Master.OutstandingOffers(f.Id).Where(o => o.Agent == agentId && (role == null || o.Role == role)).ToArray();
        if (offers.Length == 0) throw new StepException($"{framework} holds no offer on {agent}");
        var offered = offers.Aggregate(Core.Resources.Resources.Empty, (s, o) => s + o.Resources);
        var needed = tasks.Aggregate(Core.Resources.Resources.Empty, (s, t) => s + t.Resources);
        var footprint = tasks.Aggregate(Core.Resources.Resources.Empty, (s, t) => s + run.Master.Allocator.Footprint(t.Resources));
        if (!offered.Contains(footprint))
            throw new StepException($"the tasks need {needed}{(footprint != needed ? $" (whole slots: {footprint})" : "")} but {framework}'s offer on {agent} holds {offered}");
        var outcome = run.Master.Accept(f.Id, offers.Select(o => o.Id).ToArray(), tasks, refuse, operations);
        if (outcome != AcceptOutcome.Launched) throw new StepException($"the master refused the accept: {outcome}");
    }
}
