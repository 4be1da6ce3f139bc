using ClusterSim.Core.Cluster;

namespace ClusterSim.Core.Tests.Cluster;

/// <summary>The master's live task records keep their places until they end; a freed place is taken again.</summary>
public class LiveTaskTableTests
{
    [Test]
    public void ARecord_KeepsItsPlace_UntilItIsRemoved_AndFreedPlacesAreTakenAgainLastFreedFirst()
    {
        var live = new LiveTaskTable();
        var tasks = Enumerable.Range(0, 100).Select(i => TaskEntries.Of($"t{i}")).ToArray();
        var slots = tasks.Select(live.Add).ToArray();
        Assert.That(slots, Is.EqualTo(Enumerable.Range(0, 100)));
        Assert.That(tasks.Select(t => t.Slot), Is.EqualTo(slots));
        Assert.That(Enumerable.Range(0, 100).Select(i => live[i]), Is.EqualTo(tasks));

        live.Remove(tasks[7]);
        live.Remove(tasks[42]);
        Assert.That(live.Count, Is.EqualTo(98));
        Assert.That(live[8], Is.SameAs(tasks[8]));
        var (a, b, c) = (TaskEntries.Of("a"), TaskEntries.Of("b"), TaskEntries.Of("c"));
        Assert.That((live.Add(a), live.Add(b), live.Add(c)), Is.EqualTo((42, 7, 100)));
        Assert.That((live[42], live[7], live[100]), Is.EqualTo((a, b, c)));
    }

    [Test]
    public void RemovingARecordNotAtItsPlace_IsAnError()
    {
        var live = new LiveTaskTable();
        var task = TaskEntries.Of("t1");
        live.Add(task);
        live.Remove(task);
        live.Add(TaskEntries.Of("t2"));
        Assert.Throws<InvalidOperationException>(() => live.Remove(task));
    }
}
