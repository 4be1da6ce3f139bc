using ClusterSim.RealAgent.Docker.Models;

namespace ClusterSim.RealAgent.Tests.Docker;

public sealed class DockerFiltersTests
{
    [Test]
    public void ToJson_SeveralNamesAndValues_MapOfBooleansSortedByName()
    {
        var filters = new DockerFilters().Add("type", "container").Add("label", "b=2").Add("label", "a=1");

        Assert.That(filters.ToJson(), Is.EqualTo("""{"label":{"a=1":true,"b=2":true},"type":{"container":true}}"""));
    }

    [Test]
    public void Add_SameValueTwice_KeepsOne()
    {
        var filters = new DockerFilters().Add("label", "a=1").Add("label", "a=1");

        Assert.That(filters.ToJson(), Is.EqualTo("""{"label":{"a=1":true}}"""));
    }

    [Test]
    public void IsEmpty_NoFilterAdded_True()
    {
        Assert.That(new DockerFilters().IsEmpty, Is.True);
    }
}
