using ClusterSim.Core.Ids;
using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Frameworks;
using ClusterSim.Workloads.Model;
using CsCheck;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Workloads.Tests.Frameworks;

/// <summary>
/// A framework's live tasks: found by the record an update carries, or by id; listed in the order the map by id
/// they replaced listed them, which the outputs of earlier runs depend on.
/// </summary>
public class LiveTrackedTasksTests
{
    private static TrackedTask[] Tasks(int count, Func<int, string>? id = null)
    {
        var specs = Enumerable.Range(0, count).Select(i => new WorkloadTask(i, $"t{i}", R.Parse("cpus:1;mem:128"),
            Duration.FromSeconds(1), Time.Zero, 0, TaskOutcome.Finished, WorkloadTask.NoParents)).ToArray();
        var job = new TrackedJob(new WorkloadJob("j", Time.Zero, specs), "j");
        return specs.Select((s, i) => job.Tasks[i] = new TrackedTask(job, s, new TaskId(id?.Invoke(i) ?? $"j/{i}"))).ToArray();
    }

    [Test]
    public void AnyLaunchesAndEnds_ListTheLiveTasks_InTheOrderOfAMapById()
    {
        // Each step: a task (by number) launched if it is not live and ended if it is; now and then a lookup by
        // id, which makes the index by id partway through.
        var steps = Gen.Select(Gen.Int[0, 39], Gen.Int[0, 9]).Array[0, 300];
        steps.Sample(ops =>
        {
            var tasks = Tasks(40);
            var live = new LiveTrackedTasks();
            var map = new Dictionary<TaskId, TrackedTask>();
            foreach (var (n, look) in ops)
            {
                var task = tasks[n];
                if (map.Remove(task.Id)) live.Remove(task);
                else
                {
                    map.Add(task.Id, task);
                    live.Add(task);
                }
                if (look == 0 && live.Find(tasks[(n * 7) % 40].Id) != map.GetValueOrDefault(tasks[(n * 7) % 40].Id)) return false;
            }
            return live.Values.SequenceEqual(map.Values) && live.Count == map.Count
                   && tasks.All(t => t.IsLive == map.ContainsKey(t.Id) && live.Find(t.Id) == map.GetValueOrDefault(t.Id));
        });
    }

    [Test]
    public void AnUpdateCarryingTheRecord_FindsItsTask_WithoutAnIndexById()
    {
        var tasks = Tasks(3);
        var live = new LiveTrackedTasks();
        foreach (var t in tasks) live.Add(t);
        live.Remove(tasks[1]);

        Assert.That(live.Find(tasks[2], tasks[2].Id), Is.SameAs(tasks[2]));
        Assert.That(live.Find(tasks[1], tasks[1].Id), Is.Null, "an ended task is not found by its record");
        Assert.That(live.IsIndexedById, Is.False);

        // No record (an update over the scheduler API): by id, through the index made now and kept.
        Assert.That(live.Find(null, tasks[0].Id), Is.SameAs(tasks[0]));
        Assert.That(live.IsIndexedById, Is.True);
        live.Add(tasks[1]);
        live.Remove(tasks[0]);
        Assert.That((live.Find(null, tasks[1].Id), live.Find(null, tasks[0].Id)), Is.EqualTo((tasks[1], (TrackedTask?)null)));
    }

    [Test]
    public void ASecondLiveTaskOfAnId_IsRefused_WithoutChangingTheLiveOnes()
    {
        var twins = Tasks(2, _ => "same");
        var live = new LiveTrackedTasks();
        live.Add(twins[0]);
        Assert.That(live.Find(twins[0].Id), Is.SameAs(twins[0]));

        var error = Assert.Throws<InvalidOperationException>(() => live.Add(twins[1]));
        Assert.That(error!.Message, Does.Contain("'same'"));
        Assert.That((live.Count, twins[1].IsLive, live.Find(twins[0].Id)), Is.EqualTo((1, false, twins[0])));
        Assert.That(live.Values, Is.EqualTo(new[] { twins[0] }));

        // Made over them, the index refuses them too.
        var unindexed = new LiveTrackedTasks();
        var others = Tasks(2, _ => "other");
        unindexed.Add(others[0]);
        unindexed.Add(others[1]);
        Assert.Throws<InvalidOperationException>(() => unindexed.Find(others[0].Id));
    }

    [Test]
    public void EndingATaskNotLive_IsAnError()
    {
        var tasks = Tasks(2);
        var live = new LiveTrackedTasks();
        live.Add(tasks[0]);
        Assert.Throws<InvalidOperationException>(() => live.Remove(tasks[1]));
        live.Remove(tasks[0]);
        Assert.Throws<InvalidOperationException>(() => live.Remove(tasks[0]));
    }
}
