using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace ClusterSim.RealAgent.Security;

/// <summary>
/// Browser sessions of the web UI: a random id, kept in an HttpOnly, SameSite=Strict cookie, stands for the
/// principal that signed in, so the secret itself never lives in the browser. A session ends when it signs
/// out or after <see cref="IdleTimeout"/> without a request (sliding), so a forgotten browser tab or a stolen
/// cookie does not stay valid for the life of the master, and the table cannot grow without bound.
/// </summary>
public sealed class WebSessions
{
    public const string CookieName = "clustersim_session";

    /// <summary>The default idle timeout: a working day.</summary>
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromHours(8);

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;

    public WebSessions(TimeProvider? clock = null, TimeSpan? idleTimeout = null)
    {
        _clock = clock ?? TimeProvider.System;
        IdleTimeout = idleTimeout ?? DefaultIdleTimeout;
    }

    public TimeSpan IdleTimeout { get; }

    /// <summary>Sessions open now (expired ones are dropped as they are met).</summary>
    public int Count => _sessions.Count;

    public string Open(Principal principal)
    {
        var now = _clock.GetUtcNow();
        foreach (var (id, session) in _sessions)
            if (Expired(session, now)) _sessions.TryRemove(id, out _);
        var fresh = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        _sessions[fresh] = new Session(principal) { LastSeen = now };
        return fresh;
    }

    /// <summary>The principal of a live session, which this request keeps alive; null when unknown or expired.</summary>
    public Principal? Find(string id)
    {
        if (!_sessions.TryGetValue(id, out var session)) return null;
        var now = _clock.GetUtcNow();
        if (Expired(session, now))
        {
            _sessions.TryRemove(id, out _);
            return null;
        }
        session.LastSeen = now;
        return session.Principal;
    }

    public void Close(string id) => _sessions.TryRemove(id, out _);

    private bool Expired(Session session, DateTimeOffset now) => now - session.LastSeen >= IdleTimeout;

    /// <summary>One session; requests on several threads touch it, so the instant is kept as ticks written whole.</summary>
    private sealed class Session(Principal principal)
    {
        private long _lastSeenTicks;

        public Principal Principal { get; } = principal;

        public DateTimeOffset LastSeen
        {
            get => new(Volatile.Read(ref _lastSeenTicks), TimeSpan.Zero);
            set => Volatile.Write(ref _lastSeenTicks, value.UtcTicks);
        }
    }
}
