using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using CsCheck;

namespace ClusterSim.Core.Tests.Cluster;

/// <summary>The master's table of a framework's live tasks answers as the Dictionary it replaced did, and
/// lists them in that dictionary's order (outputs depend on it).</summary>
public class FrameworkTasksTests
{
    [Test]
    public void AnyLaunchesAndEnds_AreFoundAndListed_AsADictionaryWouldHaveThem()
    {
        // Each step adds the task of an id (0-299) when none is live under it, or removes it; then every id is
        // looked up. Hundreds of ids grow the table several times and put runs of probed slots through removals.
        var steps = Gen.Int[0, 299].Array[0, 1500];
        steps.Sample(ops =>
        {
            var table = new FrameworkTasks();
            var expected = new Dictionary<TaskId, TaskEntry>();
            foreach (int k in ops)
            {
                var id = new TaskId($"t{k}");
                if (expected.ContainsKey(id))
                {
                    if (!table.Remove(id) || !expected.Remove(id)) return false;
                }
                else
                {
                    var task = TaskEntries.Of(id.Value);
                    table.Add(task);
                    expected.Add(id, task);
                }
            }
            for (int k = 0; k < 300; k++)
            {
                var id = new TaskId($"t{k}");
                bool found = table.TryGetValue(id, out var task);
                if (found != expected.TryGetValue(id, out var want) || !ReferenceEquals(task, want)) return false;
                if (table.ContainsKey(id) != found) return false;
            }
            return table.Count == expected.Count && table.Listed().SequenceEqual(expected.Values);
        });
    }

    [Test]
    public void AnId_IsFoundWithAnEqualString_NotOnlyTheOneItWasAddedWith()
    {
        var table = new FrameworkTasks();
        var task = TaskEntries.Of("task-1");
        table.Add(task);
        var sameText = new TaskId(string.Concat("task-", "1"));

        Assert.That(table.TryGetValue(sameText, out var found), Is.True);
        Assert.That(found, Is.SameAs(task));
        Assert.That(table.Remove(sameText), Is.True);
        Assert.That(table.ContainsKey(task.Spec.Id), Is.False);
        Assert.That(table.Remove(sameText), Is.False, "a second removal finds nothing");
    }

    [Test]
    public void ASecondLiveTaskOfAnId_IsRefused_AndTheFirstStays()
    {
        var table = new FrameworkTasks();
        var first = TaskEntries.Of("t1");
        table.Add(first);

        Assert.That(() => table.Add(TaskEntries.Of("t1")), Throws.ArgumentException.With.Message.Contains("'t1'"));
        Assert.That(table.Count, Is.EqualTo(1));
        Assert.That(table.Listed(), Is.EqualTo(new[] { first }));
    }
}
