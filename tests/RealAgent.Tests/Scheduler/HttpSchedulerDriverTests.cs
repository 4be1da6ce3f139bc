using ClusterSim.Core.Cluster;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using ClusterSim.RealAgent.Live;
using ClusterSim.RealAgent.Scheduler;
using ClusterSim.Workloads.Frameworks;
using ClusterSim.Workloads.Model;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.RealAgent.Tests.Scheduler;

/// <summary>
/// The simulator's own batch framework, unchanged, run against a standing master over the scheduler API
/// through <see cref="HttpSchedulerDriver"/>: the proof that one framework code path serves both modes.
/// </summary>
public class HttpSchedulerDriverTests
{
    private static IEnumerable<WorkloadJob> Jobs(int jobs, int tasks, double seconds) =>
        Enumerable.Range(0, jobs).Select(j => new WorkloadJob($"job{j}", Time.Zero + Duration.FromSeconds(j),
            Enumerable.Range(0, tasks).Select(i => new WorkloadTask(i, $"t{i}", R.Of(cpus: 1, mem: 256), Duration.FromSeconds(seconds),
                Time.Zero + Duration.FromSeconds(j), 0, TaskOutcome.Finished, WorkloadTask.NoParents)).ToArray()));

    [Test]
    public async Task BatchFramework_OverHttp_RunsEveryTaskToFinished_ThenTearsDown()
    {
        await using var master = await ApiMaster.StartAsync(agents: 2, agentResources: "cpus:2;mem:2048");
        // The framework's own loop runs trace time ten times faster than the wall: 3 s tasks take 0.3 s.
        using var loop = new LiveLoop(timeScale: 10);
        loop.Start();
        var log = new List<string>();
        await using var driver = new HttpSchedulerDriver([master.Address], "analytics", "s3cret-an", loop, line => { lock (log) log.Add(line); });
        var ended = new List<TrackedTask>();
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var framework = await loop.InvokeAsync(() =>
        {
            var f = new BatchFramework(loop, driver, new FrameworkSettings("hadoop", "analytics") { Refuse = new OfferFilter(Duration.FromSeconds(1)) })
            {
                Observer = new Ended(ended),
                Drained = () => drained.TrySetResult(),
            };
            f.Start(Jobs(jobs: 3, tasks: 3, seconds: 3));
            return f;
        });
        await driver.Subscribed.WaitAsync(ApiMaster.Bound);
        await drained.Task.WaitAsync(ApiMaster.Bound);

        var (finished, submitted, received) = await loop.InvokeAsync(() =>
            (ended.Count(t => t.State == TaskState.Finished), framework.TasksSubmitted, framework.OffersReceived));
        Assert.That(finished, Is.EqualTo(9), string.Join("\n", log));
        Assert.That(submitted, Is.EqualTo(9));
        Assert.That(received, Is.GreaterThan(0));
        // The master ran them: its side saw the same framework, under the principal it subscribed as.
        Assert.That(await master.OnLoop(() => master.Master.Frameworks.Select(f => master.Master.FrameworkInfoOf(f).Name).ToArray()),
            Is.EqualTo(new[] { "hadoop" }));
        Assert.That(await master.OnLoop(() => master.Host.Scheduler.PrincipalOf(driver.Framework)), Is.EqualTo("analytics"));

        await loop.InvokeAsync(() =>
        {
            driver.Teardown();
            return true;
        });
        await driver.DisposeAsync();
        Assert.That(await master.OnLoop(() => master.Master.Frameworks.Count()), Is.Zero);
    }

    [Test]
    public async Task WrongCredentials_FailTheSubscription_WithTheMastersAnswer()
    {
        await using var master = await ApiMaster.StartAsync();
        using var loop = new LiveLoop();
        loop.Start();
        await using var driver = new HttpSchedulerDriver([master.Address], "analytics", "wrong", loop, _ => { });
        await loop.InvokeAsync(() =>
        {
            new BatchFramework(loop, driver, new FrameworkSettings("hadoop", "analytics")).Start([]);
            return true;
        });
        var e = Assert.ThrowsAsync<InvalidOperationException>(async () => await driver.Subscribed.WaitAsync(ApiMaster.Bound))!;
        Assert.That(e.Message, Does.Contain("401"));
    }

    private sealed class Ended(List<TrackedTask> ended) : IWorkloadObserver
    {
        public void TaskEnded(FrameworkScheduler framework, TrackedTask task) => ended.Add(task);
    }
}
