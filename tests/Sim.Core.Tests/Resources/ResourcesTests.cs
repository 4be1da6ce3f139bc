using ClusterSim.Core.Resources;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Core.Tests.Resources;

public class ResourcesTests
{
    [Test]
    public void Arithmetic_IsExact_InThousandths()
    {
        var sum = R.Empty;
        for (int i = 0; i < 10; i++) sum += R.Of(cpus: 0.1);
        Assert.That(sum, Is.EqualTo(R.Of(cpus: 1)));
        Assert.That((sum - R.Of(cpus: 0.3)).Cpus, Is.EqualTo(0.7));
    }

    [Test]
    public void Contains_RequiresEveryQuantity()
    {
        var agent = R.Of(cpus: 4, mem: 4096);
        Assert.That(agent.Contains(R.Of(cpus: 4, mem: 4096)), Is.True);
        Assert.That(agent.Contains(R.Of(cpus: 1)), Is.True);
        Assert.That(agent.Contains(R.Of(cpus: 1, mem: 5000)), Is.False);
        Assert.That(agent.Contains(R.Of(gpus: 1)), Is.False);
        Assert.That(R.Empty.Contains(R.Empty), Is.True);
    }

    [Test]
    public void IsEmpty_MeansAllZero()
    {
        Assert.That(R.Empty.IsEmpty, Is.True);
        Assert.That((R.Of(cpus: 1) - R.Of(cpus: 1)).IsEmpty, Is.True);
        Assert.That(R.Of(disk: 0.001).IsEmpty, Is.False);
    }

    [Test]
    public void ShareOf_IgnoresResourcesTheClusterHasNoneOf()
    {
        var total = R.Of(cpus: 10, mem: 1000);
        var used = R.Of(cpus: 2, mem: 500, gpus: 1);
        Assert.That(used.ShareOf(total, ResourceKind.Cpus), Is.EqualTo(0.2));
        Assert.That(used.ShareOf(total, ResourceKind.Gpus), Is.EqualTo(0.0));
        Assert.That(used.MaxShareOf(total), Is.EqualTo(0.5));
        Assert.That(used.MaxShareOf(total, new ResourceKindSet().With(ResourceKind.Mem)), Is.EqualTo(0.2));
    }

    [Test]
    public void Parse_ReadsTheMesosTextForm()
    {
        var r = R.Parse("cpus:2;mem:1024;disk:4096;gpus:1");
        Assert.That((r.Cpus, r.Mem, r.Disk, r.Gpus), Is.EqualTo((2.0, 1024.0, 4096.0, 1.0)));
        Assert.That(R.Parse(" cpus : 0.5 ; mem:32 ").Cpus, Is.EqualTo(0.5));
    }

    [Test]
    public void ToString_PrintsTheMesosTextForm_AndRoundTrips()
    {
        var r = R.Of(cpus: 1.5, mem: 2048, gpus: 2);
        Assert.That(r.ToString(), Is.EqualTo("cpus:1.5;mem:2048;gpus:2"));
        Assert.That(R.Parse(r.ToString()), Is.EqualTo(r));
        Assert.That(R.Empty.ToString(), Is.EqualTo("{}"));
    }

    [Test]
    public void Parse_ReadsReservations_ByRole()
    {
        var set = ResourceSet.Parse("cpus:8;mem:4096;cpus(role1):4;mem(role1):2048;gpus(ml):1");
        Assert.That(set.Unreserved, Is.EqualTo(R.Of(cpus: 8, mem: 4096)));
        Assert.That(set.ReservedFor("role1"), Is.EqualTo(R.Of(cpus: 4, mem: 2048)));
        Assert.That(set.ReservedFor("ml"), Is.EqualTo(R.Of(gpus: 1)));
        Assert.That(set.Total, Is.EqualTo(R.Of(cpus: 12, mem: 6144, gpus: 1)));
        Assert.That(ResourceSet.Parse(set.ToString()), Is.EqualTo(set).Using<ResourceSet>((a, b) => a.ToString() == b.ToString()));
    }

    [Test]
    public void Parse_OfPlainResources_RejectsAReservation()
    {
        var e = Assert.Throws<FormatException>(() => R.Parse("cpus(role1):4"));
        Assert.That(e!.Message, Does.Contain("role1"));
    }

    [TestCase("cpus:2;bananas:3", "bananas", "unknown resource")]
    [TestCase("cpus:two", "cpus:two", "expected a number")]
    [TestCase("cpus:-1", "cpus:-1", "negative")]
    [TestCase("cpus2", "cpus2", "name:value")]
    [TestCase("cpus:1;cpus:2", "cpus:2", "twice")]
    [TestCase("cpus():1", "cpus():1", "no role")]
    [TestCase("", "", "empty")]
    [TestCase(";;", ";;", "expected resources")]
    public void Parse_RejectsABadString_NamingTheOffendingPart(string text, string part, string problem)
    {
        Assert.That(ResourceSet.TryParse(text, out _, out var error), Is.False);
        Assert.That(error, Does.Contain(part));
        Assert.That(error, Does.Contain(problem));
    }

    [Test]
    public void MinAllocatable_IsAnOrOfAnds()
    {
        var min = MinAllocatable.Parse("cpus:0.01|mem:32");
        Assert.That(min.Allows(R.Of(cpus: 0.01)), Is.True);
        Assert.That(min.Allows(R.Of(mem: 32)), Is.True);
        Assert.That(min.Allows(R.Of(cpus: 0.005, mem: 31)), Is.False);
        var both = MinAllocatable.Parse("cpus:1;mem:1024");
        Assert.That(both.Allows(R.Of(cpus: 1)), Is.False);
        Assert.That(both.Allows(R.Of(cpus: 1, mem: 1024)), Is.True);
        Assert.That(min.Allows(R.Empty), Is.False);
    }

    [Test]
    public void MinAllocatable_Default_IsMesos() =>
        Assert.That(MinAllocatable.Default.ToString(), Is.EqualTo("cpus:0.01|mem:32"));
}
