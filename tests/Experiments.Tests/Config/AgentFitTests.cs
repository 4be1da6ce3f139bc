using ClusterSim.Core.Resources;
using ClusterSim.Experiments.Model;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Experiments.Tests.Config;

public class AgentFitTests
{
    private static AgentFit Cluster(params (int Count, string Resources)[] groups) =>
        new(new ClusterSpec(groups.Select((g, i) => new AgentGroup(g.Count, ResourceSet.Parse(g.Resources),
            new Dictionary<string, string>(), $"g{i}-")).ToArray(), null));

    [Test]
    public void Holds_CountsCopiesPerAgentTimesAgents_OverEveryGroup()
    {
        var fit = Cluster((10, "cpus:4;mem:8192"), (5, "cpus:16;mem:4096"));
        // 2 per small agent (cpus), 2 per large agent (mem): 20 + 10.
        Assert.That(fit.Holds(R.Of(cpus: 2, mem: 2048), "*"), Is.EqualTo(30));
    }

    [Test]
    public void Holds_Saturates_InsteadOfWrappingNegative_OnHugeClusters()
    {
        // Each group holds about 2.1e18 copies; five of them pass what a long counts.
        var fit = Cluster(Enumerable.Range(1, 5).Select(i => (int.MaxValue, $"cpus:{1000000 - i};mem:1000000000")).ToArray());
        Assert.That(fit.Holds(R.Of(cpus: 0.001, mem: 1), "*"), Is.EqualTo(long.MaxValue));
    }
}
