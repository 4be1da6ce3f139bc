using BenchmarkDotNet.Attributes;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Timing;

namespace ClusterSim.Benchmarks;

/// <summary>
/// The event kernel under the hold model at 1, 10,000 and 1,000,000 pending events: SimLoop through its
/// allocation-free handler form and through its Action form, next to the yardstick of issue 7, a plain loop
/// over <see cref="PriorityQueue{TElement,TPriority}"/> of Action keyed by (double time, long sequence) as a
/// SimSharp-style kernel would be written. All sit in one class so their ratio comes from one run.
/// One operation is one event: pop the earliest, run it, and it schedules one.
/// </summary>
[MemoryDiagnoser]
public class EventKernelBenchmarks
{
    private const int EventsPerInvoke = 1 << 16;

    private readonly HoldModel _increments = new();
    private SimLoop _loop = null!;
    private Rescheduler _handler = null!;
    private Action _loopAction = null!;
    private PriorityQueue<Action, (double, long)> _queue = null!;
    private Action _queueAction = null!;
    private double _queueNow;
    private long _queueSequence;

    [Params(1, 10_000, 1_000_000)]
    public int Pending { get; set; }

    [GlobalSetup(Target = nameof(SimLoopHandler))]
    public void SetUpHandler()
    {
        _loop = new SimLoop();
        _handler = new Rescheduler(_loop, _increments);
        _increments.Rewind();
        for (int i = 0; i < Pending; i++) _loop.At(new Time(_increments.NextIncrement()), _handler, i);
    }

    [GlobalSetup(Target = nameof(SimLoopAction))]
    public void SetUpAction()
    {
        _loop = new SimLoop();
        // One delegate for all events, as a hot path would cache it: the benchmark measures the loop, not
        // closure allocation.
        _loopAction = () => _loop.At(new Time(_loop.Now.Micros + _increments.NextIncrement()), _loopAction);
        _increments.Rewind();
        for (int i = 0; i < Pending; i++) _loop.At(new Time(_increments.NextIncrement()), _loopAction);
    }

    [GlobalSetup(Target = nameof(PriorityQueueYardstick))]
    public void SetUpQueue()
    {
        _queue = new PriorityQueue<Action, (double, long)>(Pending + 1);
        _queueNow = 0;
        _queueSequence = 0;
        _queueAction = () => _queue.Enqueue(_queueAction, (_queueNow + _increments.NextIncrement() / 1e6, _queueSequence++));
        _increments.Rewind();
        for (int i = 0; i < Pending; i++)
            _queue.Enqueue(_queueAction, (_increments.NextIncrement() / 1e6, _queueSequence++));
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = EventsPerInvoke)]
    public void PriorityQueueYardstick()
    {
        var queue = _queue;
        for (int i = 0; i < EventsPerInvoke; i++)
        {
            queue.TryDequeue(out var action, out var at);
            _queueNow = at.Item1;
            action!();
        }
    }

    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    public void SimLoopHandler()
    {
        var loop = _loop;
        for (int i = 0; i < EventsPerInvoke; i++) loop.Step();
    }

    [Benchmark(OperationsPerInvoke = EventsPerInvoke)]
    public void SimLoopAction()
    {
        var loop = _loop;
        for (int i = 0; i < EventsPerInvoke; i++) loop.Step();
    }

    /// <summary>A timer target that schedules itself again a hold-model increment later.</summary>
    private sealed class Rescheduler(SimLoop loop, HoldModel increments) : ITimerHandler
    {
        public void OnTimer(long arg) => loop.At(new Time(loop.Now.Micros + increments.NextIncrement()), this, arg);
    }
}
