using ClusterSim.RealAgent.Security;

namespace ClusterSim.RealAgent.Tests.Security;

public class WebSessionsTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly Principal Ops = new("ops", Operator: true, Agent: false, new HashSet<string>());

    [Test]
    public void ASession_StaysAliveWhileUsed_AndEndsAfterItsIdleTimeout()
    {
        var clock = new ManualClock();
        var sessions = new WebSessions(clock, TimeSpan.FromMinutes(30));
        var id = sessions.Open(Ops);

        clock.Now += TimeSpan.FromMinutes(29);
        Assert.That(sessions.Find(id), Is.EqualTo(Ops), "used within the timeout");
        clock.Now += TimeSpan.FromMinutes(29);
        Assert.That(sessions.Find(id), Is.EqualTo(Ops), "the timeout slides with each request");
        clock.Now += TimeSpan.FromMinutes(30);
        Assert.That(sessions.Find(id), Is.Null, "idle for the whole timeout");
        Assert.That(sessions.Count, Is.Zero);
    }

    [Test]
    public void OpeningASession_DropsExpiredOnes_SoTheTableDoesNotGrowWithoutBound()
    {
        var clock = new ManualClock();
        var sessions = new WebSessions(clock, TimeSpan.FromMinutes(30));
        for (int i = 0; i < 100; i++) sessions.Open(Ops);
        clock.Now += TimeSpan.FromHours(1);
        var fresh = sessions.Open(Ops);
        Assert.That(sessions.Count, Is.EqualTo(1));
        Assert.That(sessions.Find(fresh), Is.EqualTo(Ops));
    }

    [Test]
    public void AClosedSession_IsGone()
    {
        var sessions = new WebSessions();
        var id = sessions.Open(Ops);
        sessions.Close(id);
        Assert.That(sessions.Find(id), Is.Null);
        Assert.That(sessions.IdleTimeout, Is.EqualTo(TimeSpan.FromHours(8)));
    }
}
