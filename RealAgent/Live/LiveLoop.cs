using System.Diagnostics;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Timing;

namespace ClusterSim.RealAgent.Live;

/// <summary>
/// The wall-clock loop: one thread runs every timer and every posted message, one at a time, in (time,
/// scheduling order), so the master and the frameworks never run on two threads at once, exactly as on the
/// simulated loop. <see cref="Now"/> is the wall time since <see cref="Start"/> multiplied by the time scale:
/// with a scale of 60 a minute of trace passes in a second, so every duration the master and the frameworks
/// schedule (allocation interval, filters, task durations, arrivals) shrinks by the same factor.
/// Other threads hand work to the loop only through <see cref="Post"/> (or <see cref="InvokeAsync{T}"/>);
/// <see cref="At(Time, Action)"/> belongs to code already running on the loop.
/// </summary>
public sealed class LiveLoop : ILoop, IDisposable
{
    private readonly PriorityQueue<Entry, (long Ticks, long Sequence)> _queue = new();
    private readonly HashSet<long> _cancelled = [];
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Stopwatch _clock = new();
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;
    private long _nextSequence;

    public LiveLoop(double timeScale = 1)
    {
        if (!(timeScale > 0) || double.IsInfinity(timeScale))
            throw new ArgumentOutOfRangeException(nameof(timeScale), timeScale, "expected a positive, finite time scale");
        TimeScale = timeScale;
    }

    /// <summary>Trace seconds per wall second.</summary>
    public double TimeScale { get; }

    public Time Now => new((long)(_clock.Elapsed.Ticks / 10.0 * TimeScale));

    /// <summary>Events run so far.</summary>
    public long EventsRun => Interlocked.Read(ref _eventsRun);
    private long _eventsRun;

    /// <summary>The first exception an event threw; the loop stops on it rather than run on in a broken state.</summary>
    public Exception? Fault { get; private set; }

    public bool IsLoopThread => Thread.CurrentThread == _thread;

    /// <summary>Wall time a span of loop time takes.</summary>
    public TimeSpan WallTime(Duration d) =>
        d.IsForever ? Timeout.InfiniteTimeSpan : TimeSpan.FromTicks((long)(d.Micros * 10 / TimeScale));

    /// <summary>Starts the clock at zero and the loop thread.</summary>
    public void Start()
    {
        lock (_lock)
        {
            if (_thread != null) throw new InvalidOperationException("the live loop is already started");
            _clock.Start();
            _thread = new Thread(Run) { Name = "clustersim-loop", IsBackground = true };
        }
        _thread.Start();
    }

    public TimerId At(Time at, Action action) => Schedule(at, action, 0);

    public TimerId At(Time at, ITimerHandler handler, long arg) => Schedule(at, handler, arg);

    public void Cancel(TimerId id)
    {
        lock (_lock)
            if (id.Value >= 0 && id.Value < _nextSequence) _cancelled.Add(id.Value);
    }

    /// <summary>Runs <paramref name="action"/> on the loop thread as soon as it can; safe from any thread.</summary>
    public void Post(Action action) => Schedule(Now, action, 0, fromOutside: true);

    /// <summary>Runs <paramref name="function"/> on the loop thread and hands back its result; safe from any thread.</summary>
    public Task<T> InvokeAsync<T>(Func<T> function)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            try { done.SetResult(function()); }
            catch (Exception e) { done.SetException(e); }
        });
        return done.Task;
    }

    /// <summary>Stops the loop thread after the event it is running; pending events are dropped.</summary>
    public void Stop()
    {
        _stop.Cancel();
        _wake.Release();
        if (_thread != null && !IsLoopThread) _thread.Join(TimeSpan.FromSeconds(10));
    }

    private TimerId Schedule(Time at, object target, long arg, bool fromOutside = false)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!fromOutside && _thread != null && !IsLoopThread && _thread.IsAlive)
            throw new InvalidOperationException("LiveLoop.At was called from another thread; use Post to hand work to the loop");
        long seq;
        lock (_lock)
        {
            seq = _nextSequence++;
            _queue.Enqueue(new Entry(target, arg, seq), (at.Micros, seq));
        }
        _wake.Release();
        return new TimerId(seq);
    }

    private void Run()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            Entry? due = null;
            TimeSpan wait = Timeout.InfiniteTimeSpan;
            lock (_lock)
            {
                while (_queue.TryPeek(out var head, out var key))
                {
                    if (_cancelled.Remove(head.Sequence))
                    {
                        _queue.Dequeue();
                        continue;
                    }
                    long now = Now.Micros;
                    if (key.Ticks <= now)
                    {
                        due = _queue.Dequeue();
                    }
                    else
                    {
                        // Sleep in wall terms; a post or an earlier timer wakes the loop sooner.
                        wait = TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling((key.Ticks - now) * 10 / TimeScale)));
                    }
                    break;
                }
                if (_queue.Count == 0) _cancelled.Clear();
            }
            if (due is { } e)
            {
                try
                {
                    if (e.Target is ITimerHandler handler) handler.OnTimer(e.Arg);
                    else ((Action)e.Target)();
                    Interlocked.Increment(ref _eventsRun);
                }
                catch (Exception ex)
                {
                    Fault = ex;
                    _stop.Cancel();
                    Faulted?.Invoke(ex);
                    return;
                }
                continue;
            }
            try
            {
                if (wait > TimeSpan.FromMinutes(1)) wait = TimeSpan.FromMinutes(1);
                _wake.Wait(wait, token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Called on the loop thread when an event throws and the loop stops.</summary>
    public Action<Exception>? Faulted { get; set; }

    public void Dispose()
    {
        Stop();
        _wake.Dispose();
        _stop.Dispose();
    }

    private readonly record struct Entry(object Target, long Arg, long Sequence);
}
