using ClusterSim.Core.Agents;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Tasks;
using CsCheck;

namespace ClusterSim.Core.Tests.Cluster;

/// <summary>An agent's live tasks stay in launch order as tasks end: losing the agent reports them in that order.</summary>
public class AgentEntryTests
{
    private sealed class NoLink : IAgentLink
    {
        public void Launch(FrameworkId framework, TaskSpec task) { }
        public void Kill(FrameworkId framework, TaskId task) { }
    }

    [Test]
    public void RemoveTask_TakesOutThatTaskOnly_AndKeepsTheOthersInLaunchOrder()
    {
        var agent = new AgentEntry(new AgentId(0), AgentInfo.Of("a0", "cpus:4;mem:1024"), new NoLink());
        var live = new LiveTaskTable();
        var (first, second, third) = (live.Add(TaskEntries.Of("t1")), live.Add(TaskEntries.Of("t2")), live.Add(TaskEntries.Of("t3")));
        // A place no task of this agent is at.
        var elsewhere = live.Add(TaskEntries.Of("t2"));
        foreach (int place in new[] { first, second, third }) agent.AddTask(place);

        agent.RemoveTask(elsewhere);
        Assert.That(agent.TaskPlaces(), Is.EqualTo(new[] { first, second, third }));
        agent.RemoveTask(second);
        Assert.That(agent.TaskPlaces(), Is.EqualTo(new[] { first, third }));
        agent.RemoveTask(first);
        agent.RemoveTask(third);
        Assert.That(agent.TaskPlaces(), Is.Empty);
        Assert.That(agent.TaskCount, Is.Zero);
    }

    [Test]
    public void AnyLaunchesAndEnds_LeaveThePlacesAListWouldHold_InItsOrder()
    {
        // Each step launches a task at a place (0-99, repeats allowed as a list allows them) or ends the task at
        // one; past the first growth of the agent's array (4 places) and down again.
        var steps = Gen.Select(Gen.Bool, Gen.Int[0, 99]).Array[0, 200];
        steps.Sample(ops =>
        {
            var agent = new AgentEntry(new AgentId(0), AgentInfo.Of("a0", "cpus:4;mem:1024"), new NoLink());
            var expected = new List<int>();
            foreach (var (launch, place) in ops)
            {
                if (launch)
                {
                    agent.AddTask(place);
                    expected.Add(place);
                }
                else
                {
                    agent.RemoveTask(place);
                    expected.Remove(place);
                }
                if (agent.TaskCount != expected.Count || !agent.TaskPlaces().SequenceEqual(expected)) return false;
            }
            return true;
        });
    }
}
