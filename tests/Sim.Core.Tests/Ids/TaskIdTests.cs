using ClusterSim.Core.Ids;

namespace ClusterSim.Core.Tests.Ids;

/// <summary>A task id carries its name's hash: ids made apart from equal names must still be one key.</summary>
public class TaskIdTests
{
    [Test]
    public void IdsOfEqualNames_MadeFromDifferentStrings_AreOneKey()
    {
        var name = "job-7-" + 3;
        var other = string.Concat("job-7-", "3");
        Assert.That(ReferenceEquals(name, other), Is.False, "the test needs two string objects");
        var a = new TaskId(name);
        var b = new TaskId(other);
        Assert.Multiple(() =>
        {
            Assert.That(a, Is.EqualTo(b));
            Assert.That(a == b, Is.True);
            Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
            Assert.That(new Dictionary<TaskId, int> { [a] = 1 }.ContainsKey(b), Is.True);
        });
    }

    [Test]
    public void IdsOfDifferentNames_AreDifferentKeys_AndTheDefaultIdIsNoName()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new TaskId("job-7-3"), Is.Not.EqualTo(new TaskId("job-7-4")));
            Assert.That(new TaskId("a"), Is.Not.EqualTo(default(TaskId)));
            Assert.That(default(TaskId), Is.EqualTo(default(TaskId)));
            Assert.That(default(TaskId).Value, Is.Null);
        });
    }
}
