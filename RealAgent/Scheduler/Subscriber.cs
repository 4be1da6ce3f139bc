using System.Threading.Channels;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Tasks;
using ClusterSim.RealAgent.Security;

namespace ClusterSim.RealAgent.Scheduler;

/// <summary>
/// The master's side of one framework subscribed over HTTP: the <see cref="ISchedulerLink"/> the master
/// talks to, which turns offers, rescinds and updates into events on the framework's current stream. It
/// outlives a connection: a framework that re-subscribes with its id gets the same one back, with the
/// updates it has not acknowledged sent again (at least once until acknowledged, as Mesos's status update
/// manager promises). Everything here runs on the master's loop, except the stream's own writer.
/// </summary>
internal sealed class Subscriber(FrameworkInfo info, Principal principal, TimeSpan failoverTimeout,
    Func<AgentId, string?> agentName, Func<Core.Timing.Time, long>? unixNanos = null) : ISchedulerLink
{
    private readonly List<(string Uuid, StatusUpdate Update, long SentAt)> _unacknowledged = [];
    private long _nextUuid;

    public FrameworkId Id { get; set; } = new(-1);
    /// <summary>What it subscribed with, as UPDATE_FRAMEWORK or a re-subscription last changed it.</summary>
    public FrameworkInfo Info { get; set; } = info;
    public Principal Principal { get; } = principal;
    public TimeSpan FailoverTimeout { get; set; } = failoverTimeout;

    /// <summary>The connection events go to now; null while the framework is disconnected.</summary>
    public Channel<string>? Stream { get; private set; }

    /// <summary>Identifies the current connection; calls must name it (Mesos-Stream-Id).</summary>
    public string StreamId { get; private set; } = "";

    public TimerId FailoverTimer { get; set; } = TimerId.None;


    /// <summary>A new connection: events go there from now on, starting with the updates still unacknowledged.</summary>
    public Channel<string> Connect(string streamId, double heartbeatSeconds)
    {
        Stream?.Writer.TryComplete();
        // Not SingleReader: the writer flushes when the channel's Count says nothing more is waiting.
        var stream = Channel.CreateUnbounded<string>();
        Stream = stream;
        StreamId = streamId;
        stream.Writer.TryWrite(SchedulerEvents.Subscribed(Id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), heartbeatSeconds));
        foreach (var (uuid, update, _) in _unacknowledged) stream.Writer.TryWrite(SchedulerEvents.Update(update, agentName(update.Agent), uuid));
        return stream;
    }

    /// <summary>The connection ended (only if it is still the current one).</summary>
    public bool Disconnect(Channel<string> stream)
    {
        if (Stream != stream) return false;
        stream.Writer.TryComplete();
        Stream = null;
        StreamId = "";
        return true;
    }

    public void Send(string line) => Stream?.Writer.TryWrite(line);

    // Stamped when queued, during the allocation run that made the offers: the wall time they then take to
    // reach the framework is what `clustersim bench live` measures.
    public void ResourceOffers(IReadOnlyList<Offer> offers) =>
        Send(SchedulerEvents.Offers(offers, (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds, unixNanos, Info.Role));

    public void OfferRescinded(OfferId offer) => Send(SchedulerEvents.Rescind(offer));

    public void InverseOffers(IReadOnlyList<InverseOffer> offers)
    {
        if (unixNanos != null) Send(SchedulerEvents.InverseOffers(offers, unixNanos));
    }

    public void InverseOfferRescinded(OfferId offer) => Send(SchedulerEvents.RescindInverseOffer(offer));

    public void StatusUpdate(StatusUpdate update)
    {
        var uuid = $"{Id.Value}-{++_nextUuid}";
        _unacknowledged.Add((uuid, update, System.Diagnostics.Stopwatch.GetTimestamp()));
        Send(SchedulerEvents.Update(update, agentName(update.Agent), uuid));
    }

    public void Error(string message) => Send(SchedulerEvents.Error(message));

    /// <summary>ACKNOWLEDGE: the update acknowledged, or null when no update with that uuid is waiting.</summary>
    public StatusUpdate? Acknowledge(string uuid)
    {
        int i = _unacknowledged.FindIndex(u => u.Uuid == uuid);
        if (i < 0) return null;
        var update = _unacknowledged[i].Update;
        _unacknowledged.RemoveAt(i);
        return update;
    }

    /// <summary>Sends again every update unacknowledged for at least <paramref name="after"/>.</summary>
    public void ResendOlderThan(TimeSpan after)
    {
        if (Stream == null) return;
        long now = System.Diagnostics.Stopwatch.GetTimestamp();
        long limit = (long)(after.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        for (int i = 0; i < _unacknowledged.Count; i++)
        {
            var (uuid, update, sentAt) = _unacknowledged[i];
            if (now - sentAt < limit) continue;
            _unacknowledged[i] = (uuid, update, now);
            Send(SchedulerEvents.Update(update, agentName(update.Agent), uuid));
        }
    }
}
