using System.Collections.Concurrent;
using System.Diagnostics;
using ClusterSim.Core.Timing;
using ClusterSim.RealAgent.Live;

namespace ClusterSim.RealAgent.Tests.Live;

public class LiveLoopTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Timers_RunInTimeThenSchedulingOrder()
    {
        using var loop = new LiveLoop(timeScale: 1000);
        var order = new List<string>();
        var last = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        loop.Start();
        await loop.InvokeAsync(() =>
        {
            var t = loop.Now;
            loop.At(t + Duration.FromSeconds(20), () =>
            {
                order.Add("c");
                last.SetResult();
            });
            loop.At(t + Duration.FromSeconds(10), () => order.Add("a"));
            loop.At(t + Duration.FromSeconds(10), () => order.Add("b"));
            return true;
        });
        await last.Task.WaitAsync(Bound);
        var seen = await loop.InvokeAsync(() => order.ToArray()).WaitAsync(Bound);
        Assert.That(seen, Is.EqualTo(new[] { "a", "b", "c" }));
    }

    [Test]
    public async Task Cancel_PendingTimer_NeverRuns()
    {
        using var loop = new LiveLoop(timeScale: 1000);
        int ran = 0;
        var after = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        loop.Start();
        await loop.InvokeAsync(() =>
        {
            // One reading of the clock: two could be far apart on a loaded machine, putting the cancel after the timer.
            var t = loop.Now;
            var id = loop.At(t + Duration.FromSeconds(10), () => ran++);
            loop.At(t + Duration.FromSeconds(5), () => loop.Cancel(id));
            loop.At(t + Duration.FromSeconds(15), () => after.SetResult());
            return true;
        });
        await after.Task.WaitAsync(Bound);
        Assert.That(await loop.InvokeAsync(() => ran).WaitAsync(Bound), Is.Zero);
    }

    [Test]
    public async Task Post_FromOtherThreads_RunsEveryMessageOnTheLoopThread()
    {
        using var loop = new LiveLoop();
        loop.Start();
        var threads = new ConcurrentBag<int>();
        int count = 0;
        var posters = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < 250; i++)
                loop.Post(() =>
                {
                    threads.Add(Environment.CurrentManagedThreadId);
                    count++; // not atomic on purpose: only one thread ever runs this
                });
        })).ToArray();
        await Task.WhenAll(posters).WaitAsync(Bound);
        var total = await loop.InvokeAsync(() => count).WaitAsync(Bound);
        Assert.Multiple(() =>
        {
            Assert.That(total, Is.EqualTo(1000));
            Assert.That(threads.Distinct().Count(), Is.EqualTo(1));
            Assert.That(threads.First(), Is.Not.EqualTo(Environment.CurrentManagedThreadId));
        });
    }

    [Test]
    public async Task At_FromAnotherThreadWhileRunning_IsRefused()
    {
        using var loop = new LiveLoop();
        loop.Start();
        await loop.InvokeAsync(() => true);
        Assert.Throws<InvalidOperationException>(() => loop.At(loop.Now, () => { }));
    }

    [Test]
    public async Task TimeScale_CompressesTraceTimeIntoWallTime()
    {
        using var loop = new LiveLoop(timeScale: 60);
        var fired = new TaskCompletionSource<(Time Now, TimeSpan Wall)>();
        var wall = Stopwatch.StartNew();
        loop.Start();
        // Six seconds of trace time at x60 is a tenth of a second of wall time.
        await loop.InvokeAsync(() => loop.At(Time.Zero + Duration.FromSeconds(6), () => fired.SetResult((loop.Now, wall.Elapsed))));
        var (now, elapsed) = await fired.Task.WaitAsync(Bound);
        Assert.Multiple(() =>
        {
            // Never early; how late depends on the machine's load, so no upper bound is asserted.
            Assert.That(now.Seconds, Is.GreaterThanOrEqualTo(6.0));
            Assert.That(elapsed.TotalSeconds, Is.GreaterThanOrEqualTo(0.09));
            Assert.That(loop.WallTime(Duration.FromSeconds(120)), Is.EqualTo(TimeSpan.FromSeconds(2)));
        });
    }

    [Test]
    public async Task Fault_InAnEvent_StopsTheLoopAndIsReported()
    {
        using var loop = new LiveLoop();
        var reported = new TaskCompletionSource<Exception>();
        loop.Faulted = e => reported.TrySetResult(e);
        loop.Start();
        loop.Post(() => throw new InvalidOperationException("boom"));
        var e = await reported.Task.WaitAsync(Bound);
        Assert.That(e.Message, Is.EqualTo("boom"));
    }
}
