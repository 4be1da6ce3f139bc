using ClusterSim.Core.Loop;
using ClusterSim.Core.Timing;

namespace ClusterSim.Core.Tests.Loop;

public class SimLoopTests
{
    [Test]
    public void Events_RunInTimeOrder_WhateverOrderTheyWereScheduledIn()
    {
        var loop = new SimLoop();
        var ran = new List<string>();
        loop.At(Time.FromSeconds(3), () => ran.Add("c"));
        loop.At(Time.FromSeconds(1), () => ran.Add("a"));
        loop.At(Time.FromSeconds(2), () => ran.Add("b"));
        loop.Run();
        Assert.That(ran, Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(loop.Now, Is.EqualTo(Time.FromSeconds(3)));
    }

    [Test]
    public void Events_AtTheSameInstant_RunInSchedulingOrder()
    {
        var loop = new SimLoop();
        var ran = new List<int>();
        for (int i = 0; i < 100; i++)
        {
            int k = i;
            loop.At(Time.FromSeconds(5), () => ran.Add(k));
        }
        loop.Run();
        Assert.That(ran, Is.EqualTo(Enumerable.Range(0, 100)));
    }

    [Test]
    public void Ordering_HoldsForManyInterleavedEvents()
    {
        var loop = new SimLoop();
        var random = new System.Random(3);
        var ran = new List<(long, int)>();
        for (int i = 0; i < 5000; i++)
        {
            long t = random.Next(0, 200);
            int k = i;
            loop.At(new Time(t), () => ran.Add((t, k)));
        }
        loop.Run();
        var expected = ran.OrderBy(e => e.Item1).ThenBy(e => e.Item2).ToList();
        Assert.That(ran, Is.EqualTo(expected));
        Assert.That(loop.EventsRun, Is.EqualTo(5000));
    }

    [Test]
    public void Cancel_StopsAPendingEvent_AndLeavesTheOthers()
    {
        var loop = new SimLoop();
        var ran = new List<string>();
        loop.At(Time.FromSeconds(1), () => ran.Add("a"));
        var b = loop.At(Time.FromSeconds(1), () => ran.Add("b"));
        loop.At(Time.FromSeconds(2), () => ran.Add("c"));
        loop.Cancel(b);
        loop.Run();
        Assert.That(ran, Is.EqualTo(new[] { "a", "c" }));
        Assert.That(loop.EventsRun, Is.EqualTo(2));
    }

    [Test]
    public void Cancel_OfTheEarliestEvent_MovesNextEventTimeOn()
    {
        var loop = new SimLoop();
        var first = loop.At(Time.FromSeconds(1), () => { });
        loop.At(Time.FromSeconds(4), () => { });
        loop.Cancel(first);
        Assert.That(loop.NextEventTime, Is.EqualTo(Time.FromSeconds(4)));
    }

    [Test]
    public void Cancel_AfterTheEventRan_DoesNothing()
    {
        var loop = new SimLoop();
        int count = 0;
        var id = loop.At(Time.FromSeconds(1), () => count++);
        loop.Run();
        loop.Cancel(id);
        loop.At(Time.FromSeconds(2), () => count++);
        loop.Run();
        Assert.That(count, Is.EqualTo(2));
    }

    [Test]
    public void RunUntil_IncludesEventsAtTheHorizon_AndLeavesTheClockThere()
    {
        var loop = new SimLoop();
        var ran = new List<int>();
        loop.At(Time.FromSeconds(1), () => ran.Add(1));
        loop.At(Time.FromSeconds(2), () => ran.Add(2));
        loop.At(Time.FromSeconds(3), () => ran.Add(3));
        loop.RunUntil(Time.FromSeconds(2));
        Assert.That(ran, Is.EqualTo(new[] { 1, 2 }));
        loop.RunUntil(Time.FromSeconds(2.5));
        Assert.That(loop.Now, Is.EqualTo(Time.FromSeconds(2.5)));
        Assert.That(ran, Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public void An_EventScheduledForNow_FromInsideAnEvent_RunsInTheSameRunDueNow()
    {
        var loop = new SimLoop();
        var ran = new List<string>();
        loop.At(Time.Zero, () =>
        {
            ran.Add("outer");
            loop.Post(() => ran.Add("inner"));
        });
        loop.RunDueNow();
        Assert.That(ran, Is.EqualTo(new[] { "outer", "inner" }));
    }

    [Test]
    public void Scheduling_InThePast_RunsNow_NeverMovingTheClockBack()
    {
        var loop = new SimLoop();
        loop.RunUntil(Time.FromSeconds(10));
        Time? seen = null;
        loop.At(Time.FromSeconds(1), () => seen = loop.Now);
        loop.Run();
        Assert.That(seen, Is.EqualTo(Time.FromSeconds(10)));
    }

    [Test]
    public void TimerHandler_GetsTheArgumentItWasScheduledWith()
    {
        var loop = new SimLoop();
        var handler = new Recorder();
        loop.At(Time.FromSeconds(2), handler, 42);
        loop.At(Time.FromSeconds(1), handler, 7);
        loop.Run();
        Assert.That(handler.Args, Is.EqualTo(new long[] { 7, 42 }));
    }

    [Test]
    public void Run_WithAHorizon_StopsBeforeLaterEvents()
    {
        var loop = new SimLoop();
        int count = 0;
        loop.At(Time.FromSeconds(1), () => count++);
        loop.At(Time.FromSeconds(100), () => count++);
        loop.Run(Time.FromSeconds(50));
        Assert.That(count, Is.EqualTo(1));
        Assert.That(loop.NextEventTime, Is.EqualTo(Time.FromSeconds(100)));
    }

    [Test]
    public void Order_MatchesAReferenceModel_UnderRandomSchedulingCancellingAndLookingAhead()
    {
        // Differential check of the event set: every event that runs must be the least (time, scheduling
        // order) of those pending in a plain list. Scheduling from inside events, at the current instant,
        // after RunUntil stopped short of the next event (which makes the heap rebuild below its floor),
        // and cancelling, are all mixed in.
        var loop = new SimLoop();
        var random = new System.Random(11);
        var pending = new List<(long Ticks, long Order, TimerId Id)>();
        long order = 0;
        int ran = 0;

        void Schedule(long ticks)
        {
            long mine = order++;
            long at = Math.Max(ticks, loop.Now.Micros);
            TimerId id = default;
            id = loop.At(new Time(ticks), () =>
            {
                var least = pending.OrderBy(p => p.Ticks).ThenBy(p => p.Order).First();
                Assert.That((least.Ticks, least.Order), Is.EqualTo((at, mine)));
                pending.Remove(least);
                ran++;
                if (random.Next(3) > 0) Schedule(loop.Now.Micros + random.Next(0, 5) * random.Next(0, 1_000_000));
            });
            pending.Add((at, mine, id));
        }

        for (int i = 0; i < 200; i++) Schedule(random.Next(0, 3_000_000));
        for (int round = 0; round < 2_000 && pending.Count > 0; round++)
        {
            switch (random.Next(5))
            {
                case 0:
                    loop.RunUntil(new Time(loop.Now.Micros + random.Next(0, 2_000_000)));
                    break;
                case 1:
                    _ = loop.NextEventTime;
                    Schedule(loop.Now.Micros + random.Next(0, 3) * random.Next(0, 100));
                    break;
                case 2:
                    var victim = pending[random.Next(pending.Count)];
                    loop.Cancel(victim.Id);
                    pending.Remove(victim);
                    break;
                default:
                    loop.Step();
                    break;
            }
        }
        loop.Run();
        Assert.That(pending, Is.Empty);
        Assert.That(loop.EventsRun, Is.EqualTo(ran));
    }

    [Test]
    public void Cancel_WithAnIdWhoseEventRan_DoesNotCancelALaterEventInTheSameSlot()
    {
        var loop = new SimLoop();
        var ran = new List<string>();
        var first = loop.At(Time.FromSeconds(1), () => ran.Add("first"));
        loop.Run();
        // The slot of the event that ran is reused by the next one scheduled.
        loop.At(Time.FromSeconds(2), () => ran.Add("second"));
        loop.Cancel(first);
        loop.Run();
        Assert.That(ran, Is.EqualTo(new[] { "first", "second" }));
    }

    [Test]
    public void Cancel_Twice_CountsOnce_AndNoneIsANoOp()
    {
        var loop = new SimLoop();
        int count = 0;
        var id = loop.At(Time.FromSeconds(1), () => count++);
        loop.At(Time.FromSeconds(2), () => count++);
        loop.Cancel(id);
        loop.Cancel(id);
        loop.Cancel(TimerId.None);
        loop.Run();
        Assert.That(count, Is.EqualTo(1));
        Assert.That(loop.EventsRun, Is.EqualTo(1));
        Assert.That(loop.Pending, Is.EqualTo(0));
    }

    [Test]
    public void Ordering_SurvivesTheRenumberingOfSchedulingPositions()
    {
        var loop = new SimLoop();
        var ran = new List<(long, int)>();
        var random = new System.Random(5);
        var ids = new List<TimerId>();
        // Straddle the 32-bit limit: events scheduled before and after the renumbering share instants.
        loop.SkipPositionsTo(uint.MaxValue - 500);
        for (int i = 0; i < 1000; i++)
        {
            long t = random.Next(0, 50);
            int k = i;
            ids.Add(loop.At(new Time(t), () => ran.Add((t, k))));
        }
        for (int i = 0; i < 1000; i += 7) loop.Cancel(ids[i]);
        loop.Run();
        var expected = Enumerable.Range(0, 1000).Where(i => i % 7 != 0)
            .Select(i => ran.First(r => r.Item2 == i)).OrderBy(e => e.Item1).ThenBy(e => e.Item2).ToList();
        Assert.That(ran, Is.EqualTo(expected));
    }

    [Test]
    public void Events_InSteadyState_AllocateNothing()
    {
        var loop = new SimLoop();
        var handler = new Rescheduler(loop);
        for (int i = 0; i < 10_000; i++) loop.At(new Time(i * 7 % 1000), handler, i);
        // Warm up until the arrays have grown to what this load needs (the buckets' sizes wander for a while).
        for (int i = 0; i < 500_000; i++) loop.Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100_000; i++) loop.Step();
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.That(after - before, Is.EqualTo(0));
        Assert.That(loop.Pending, Is.EqualTo(10_000));
    }

    [Test]
    public void MayHaveArmedSince_IsNeverFalse_WhenATimerForThatInstantWasArmedSinceTheMark()
    {
        var loop = new SimLoop();
        var random = new System.Random(11);
        var armed = new List<(long Ticks, long Serial)>();
        for (int i = 0; i < 20_000; i++)
        {
            // Whole seconds and a few microsecond offsets: the instants batching sees, and many collisions.
            long ticks = random.Next(0, 400) * 1_000_000L + random.Next(0, 3);
            armed.Add((ticks, loop.Armed));
            loop.At(new Time(ticks), () => { });
            long mark = random.Next(0, (int)loop.Armed + 1);
            long asked = random.Next(2) == 0 ? ticks : armed[random.Next(armed.Count)].Ticks;
            bool any = armed.Any(a => a.Ticks == asked && a.Serial >= mark);
            if (any) Assert.That(loop.MayHaveArmedSince(new Time(asked), mark), Is.True, $"timer {i}");
        }
        Assert.That(loop.Armed, Is.EqualTo(20_000));
        Assert.That(loop.MayHaveArmedSince(Time.FromSeconds(7), loop.Armed), Is.False, "nothing armed since now");
    }

    [Test]
    public void CountRun_CountsTheTimersABatchStoodFor_AsEventsRun()
    {
        var loop = new SimLoop();
        loop.At(Time.FromSeconds(1), () => loop.CountRun(9));
        loop.Run();
        Assert.That(loop.EventsRun, Is.EqualTo(10));
    }

    private sealed class Rescheduler(SimLoop loop) : ITimerHandler
    {
        public void OnTimer(long arg) => loop.At(new Time(loop.Now.Micros + 1 + arg % 997), this, arg);
    }

    private sealed class Recorder : ITimerHandler
    {
        public List<long> Args { get; } = [];
        public void OnTimer(long arg) => Args.Add(arg);
    }
}
