using System.Diagnostics;

namespace ClusterSim.RealAgent.Master;

/// <summary>
/// What the lease checks have learned, shared between the loop that asks etcd and the watchdog that only reads
/// the clock: when the lease was last confirmed, whether etcd said it expired, and the last failure's kind.
/// </summary>
internal sealed class LeaseConfirmation
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _confirmedAt;
    private volatile bool _expired;
    private volatile bool _stopped;
    private volatile string? _lastError;

    /// <summary>How long ago the lease was last confirmed (from the start, before the first answer).</summary>
    public TimeSpan Since => _clock.Elapsed - TimeSpan.FromTicks(Interlocked.Read(ref _confirmedAt));

    public bool Expired => _expired;

    public bool Stopped => _stopped;

    public string? LastError
    {
        get => _lastError;
        set => _lastError = value;
    }

    public void Confirmed(bool alive)
    {
        if (alive) Interlocked.Exchange(ref _confirmedAt, _clock.Elapsed.Ticks);
        else _expired = true;
    }

    public void Stop() => _stopped = true;
}
