using ClusterSim.Core.Ids;
using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Frameworks;
using ClusterSim.Workloads.Model;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Workloads.Tests.Frameworks;

public class PendingQueueTests
{
    private static TrackedTask[] Tasks(params string[] requests)
    {
        var specs = requests.Select((r, i) => new WorkloadTask(i, "t" + i, R.Parse(r), Duration.FromSeconds(1),
            Time.Zero, 0, TaskOutcome.Finished, [])).ToArray();
        var job = new TrackedJob(new WorkloadJob("j", Time.Zero, specs), "j");
        for (int i = 0; i < specs.Length; i++) job.Tasks[i] = new TrackedTask(job, specs[i], new TaskId("j/" + i));
        return job.Tasks;
    }

    [Test]
    public void The_Floor_IsTheLeastAskedFor_InEveryResource()
    {
        var queue = new PendingQueue();
        var tasks = Tasks("cpus:4;mem:1024", "cpus:1;mem:8192", "cpus:2;mem:512;gpus:1");
        foreach (var t in tasks) queue.Enqueue(t);
        Assert.That(queue.Floor, Is.EqualTo(R.Parse("cpus:1;mem:512")));
        Assert.That(queue.Items().All(t => t.Spec.Request.Contains(queue.Floor)), Is.True);
    }

    [Test]
    public void The_Floor_StaysALowerBound_AsTasksLeave()
    {
        var queue = new PendingQueue();
        var tasks = Tasks("cpus:1;mem:4096", "cpus:4;mem:16384");
        foreach (var t in tasks) queue.Enqueue(t);
        queue.Remove(tasks[0]);
        Assert.That(queue.Floor, Is.EqualTo(R.Parse("cpus:1;mem:4096")));
        Assert.That(queue.Items().All(t => t.Spec.Request.Contains(queue.Floor)), Is.True);
    }
}
