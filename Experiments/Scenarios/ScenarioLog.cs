using ClusterSim.Core.Agents;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;

namespace ClusterSim.Experiments.Scenarios;

/// <summary>
/// Writes what the master does as lines of text in event order (the scenario's --log), and keeps the offers
/// made since the last offer expectation.
/// </summary>
internal sealed class ScenarioLog(Master master) : IMasterListener
{
    public List<string> Lines { get; } = [];
    public List<MadeOffer> Window { get; } = [];

    /// <summary>Inverse offers made since the last inverse offer expectation, by names.</summary>
    public List<(string Framework, string Agent)> InverseWindow { get; } = [];

    private string Now => master.Loop.Now.ToString();

    private string FrameworkName(FrameworkId id) =>
        master.IsRegistered(id) ? master.FrameworkInfoOf(id).Name : id.ToString();

    private string AgentName(AgentId id) => master.IsRegistered(id) ? master.AgentInfoOf(id).Name : id.ToString();

    public void AgentAdded(AgentId agent, AgentInfo info) => Lines.Add($"{Now} agent {info.Name} added {info.Total}");
    public void AgentRemoved(AgentId agent, AgentInfo info) => Lines.Add($"{Now} agent {info.Name} removed");
    public void FrameworkAdded(FrameworkId framework, FrameworkInfo info) =>
        Lines.Add($"{Now} framework {info.Name} added in role{(info.Roles.Count > 1 ? "s" : "")} {string.Join(", ", info.Roles)}");
    public void FrameworkRemoved(FrameworkId framework, FrameworkInfo info) => Lines.Add($"{Now} framework {info.Name} removed");

    public void AllocationRan(Time at, bool periodic, bool skipped, int offers)
    {
        if (!skipped && offers > 0) Lines.Add($"{Now} allocation ({(periodic ? "periodic" : "triggered")}) made {offers} offer(s)");
    }

    public void OfferMade(Offer offer)
    {
        var made = new MadeOffer(FrameworkName(offer.Framework), offer.AgentInfo.Name, offer.Resources, offer.MadeAt, offer.Reserved)
        {
            Role = offer.Role,
            ShowRole = Core.Oversubscription.RevocableResources.IsRevocable(offer)
                || (master.IsRegistered(offer.Framework) && master.FrameworkInfoOf(offer.Framework).Roles.Count > 1),
        };
        Window.Add(made);
        Lines.Add($"{Now} offer {offer.Id.Value} to {made}" + (offer.Unavailability is { } u ? $" ({u})" : ""));
    }

    public void OfferAccepted(Offer offer) => Lines.Add($"{Now} offer {offer.Id.Value} accepted");
    public void OfferDeclined(Offer offer, OfferFilter filter) =>
        Lines.Add($"{Now} offer {offer.Id.Value} declined, refuse {filter.RefuseFor}");
    public void OfferRescinded(Offer offer, string reason) => Lines.Add($"{Now} offer {offer.Id.Value} rescinded: {reason}");

    public void InverseOfferMade(InverseOffer offer)
    {
        InverseWindow.Add((FrameworkName(offer.Framework), offer.AgentInfo.Name));
        Lines.Add($"{Now} inverse offer {offer.Id.Value} to {FrameworkName(offer.Framework)} for {offer.AgentInfo.Name} ({offer.Unavailability})");
    }

    public void InverseOfferAnswered(InverseOffer offer, bool accepted) =>
        Lines.Add($"{Now} inverse offer {offer.Id.Value} {(accepted ? "accepted" : "declined")}");

    public void TaskLaunched(FrameworkId framework, AgentId agent, TaskSpec task, Time at) =>
        Lines.Add($"{Now} task {FrameworkName(framework)}/{task.Id} launched on {AgentName(agent)} {task.Resources}");

    public void TaskStatusChanged(StatusUpdate status) =>
        Lines.Add($"{Now} task {FrameworkName(status.Framework)}/{status.Task} {status.State.Name()}" +
                  (status.Described() is { } r ? $" ({r})" : ""));
}
