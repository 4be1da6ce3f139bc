using System.Globalization;
using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Model;
using ClusterSim.Experiments.Running;

namespace ClusterSim.Experiments.Tests.Config;

public class MultiTenancyExperimentTests
{
    private const string Base = """
        name: mt
        horizon: 1h
        cluster:
          agents:
            - { count: 2, resources: "cpus:8;mem:8192;cpus(ml):2;mem(ml):2048" }
        roles:
          ml: { weight: 2, quota: { guarantee: "cpus:4;mem:4096", limit: "cpus:8" } }
          batch: {}
        frameworks:
          - name: f
            role: batch
            workload: { synthetic: { jobs: 1, arrival: { at: 0s }, taskDuration: { constant: 1m }, task: "cpus:1;mem:512" } }
        events:
          - { at: 30m, setQuota: { role: ml, guarantee: "cpus:6" } }
          - { at: 10m, reserve: { agent: agent-0-1, role: ml, resources: "cpus:1" } }

        """;

    [Test]
    public void Quota_Reservations_AndTimedEvents_AreRead()
    {
        var spec = ExperimentParser.Parse("mt.yaml", Base).Variants.Single();
        Assert.That(spec.Roles["ml"].Quota.Guarantee, Is.EqualTo(Core.Resources.Resources.Parse("cpus:4;mem:4096")));
        Assert.That(spec.Roles["ml"].Quota.Limited.Has(Core.Resources.ResourceKind.Cpus), Is.True);
        Assert.That(spec.Roles["ml"].Quota.Limited.Has(Core.Resources.ResourceKind.Mem), Is.False, "mem is unlimited");
        Assert.That(spec.Events.Select(e => e.Kind), Is.EqualTo(new[] { ClusterEventKind.Reserve, ClusterEventKind.SetQuota }), "in time order");
    }

    [TestCase("resources: \"cpus:1\" }", "resources: \"cpus:99\" }", "more than agent 'agent-0-1' has")]
    [TestCase("agent: agent-0-1", "agent: agent-9-9", "unknown agent 'agent-9-9'")]
    [TestCase("reserve: { agent: agent-0-1, role: ml", "reserve: { agent: agent-0-1, role: ghost", "unknown role 'ghost'")]
    [TestCase("limit: \"cpus:8\"", "limit: \"cpus:2\"", "below the guarantee")]
    [TestCase("cpus(ml):2", "cpus(ghost):2", "unknown role 'ghost'")]
    public void Bad_MultiTenancyInput_IsRejected_NamingTheField(string from, string to, string message)
    {
        var e = Assert.Throws<ConfigException>(() => ExperimentParser.Parse("mt.yaml", Base.Replace(from, to)))!;
        Assert.That(e.Message, Does.Contain(message));
        Assert.That(e.Message, Does.StartWith("mt.yaml"));
    }

    [Test]
    public void The_AssetFairnessExample_Gives43PercentUnderAsset_And50UnderDrf()
    {
        using var temp = new TempFolder();
        var file = ExperimentParser.ParseFile(RepositoryRoot.Combine("experiments", "asset-vs-drf.yaml"));
        var runner = new ExperimentRunner(file, null, 2);
        var dir = temp.Combine("out");
        runner.Run(dir, runner.Plan());
        double User1CpuShareAtEnd(string variant)
        {
            var rows = File.ReadAllLines(Path.Combine(dir, "runs", variant, "seed-1", "shares.csv")).Skip(1).Select(l => l.Split(',')).ToList();
            var end = rows.Max(r => double.Parse(r[0], CultureInfo.InvariantCulture));
            var user1 = rows.Single(r => double.Parse(r[0], CultureInfo.InvariantCulture) == end && r[2] == "user1");
            return double.Parse(user1[5], CultureInfo.InvariantCulture) / 70;
        }
        Assert.That(User1CpuShareAtEnd("asset"), Is.EqualTo(30.0 / 70).Within(1e-9), "15 tasks: 3/7 of each resource");
        Assert.That(User1CpuShareAtEnd("drf"), Is.EqualTo(0.5).Within(1.0 / 70 + 1e-9), "17.5 tasks, rounded either way");
    }
}
