using System.Threading.Channels;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Tasks;
using ClusterSim.RealAgent.Live;
using ClusterSim.RealAgent.Scheduler;

namespace ClusterSim.RealAgent.Tests.Scheduler;

/// <summary>
/// UPDATE_FRAMEWORK sent by <see cref="HttpSchedulerDriver"/> over loopback, as Mesos's driver sends it
/// (src/sched/sched.cpp, SchedulerProcess::updateFramework): a framework moves between roles, changes its
/// failover timeout and suppressed roles without subscribing again; the master rescinds offers of a role it left
/// (src/master/master.cpp, Master::updateFramework) and offers it in its new role.
/// </summary>
public class DriverUpdateFrameworkTests
{
    /// <summary>Hands what the master says to the test, in order.</summary>
    private sealed class Events : ISchedulerLink
    {
        public Channel<object> Seen { get; } = Channel.CreateUnbounded<object>();

        public void ResourceOffers(IReadOnlyList<Offer> offers) => Seen.Writer.TryWrite(offers);

        public void OfferRescinded(OfferId offer) => Seen.Writer.TryWrite(offer);

        public void StatusUpdate(StatusUpdate update) => Seen.Writer.TryWrite(update);

        public void Error(string message) => Seen.Writer.TryWrite(message);

        public async Task<T> NextAsync<T>(Func<T, bool>? match = null)
        {
            using var bound = new CancellationTokenSource(ApiMaster.Bound);
            while (true)
            {
                var e = await Seen.Reader.ReadAsync(bound.Token);
                if (e is T t && (match == null || match(t))) return t;
            }
        }
    }

    [Test]
    public async Task AFramework_MovesRoles_ThroughTheDriver_AndIsOfferedInItsNewRole()
    {
        await using var master = await ApiMaster.StartAsync();
        using var loop = new LiveLoop();
        loop.Start();
        var log = new List<string>();
        await using var driver = new HttpSchedulerDriver([master.Address], "multi", "s3cret-multi", loop, line => { lock (log) log.Add(line); },
            failoverTimeout: TimeSpan.FromSeconds(30));
        var events = new Events();
        await loop.InvokeAsync(() =>
        {
            driver.Subscribe(new FrameworkInfo("mover", "analytics"), events);
            return true;
        });
        await driver.Subscribed.WaitAsync(ApiMaster.Bound);
        var first = await events.NextAsync<IReadOnlyList<Offer>>();
        Assert.That(first.Select(o => o.Role), Is.All.EqualTo("analytics"));

        await loop.InvokeAsync(() =>
        {
            driver.UpdateFramework(new FrameworkInfo("mover", "batch"), failoverTimeout: TimeSpan.FromSeconds(120));
            return true;
        });
        // The offer in the role it left is rescinded; the next one is for its new role.
        var rescinded = await events.NextAsync<OfferId>();
        Assert.That(rescinded, Is.EqualTo(first[0].Id));
        var next = await events.NextAsync<IReadOnlyList<Offer>>();
        Assert.That(next.Select(o => o.Role), Is.All.EqualTo("batch"), string.Join("\n", log));

        var id = driver.Framework;
        var (roles, failover) = await master.OnLoop(() => (master.Master.FrameworkInfoOf(id).Roles.ToArray(), master.Host.Scheduler.FailoverTimeoutOf(id)));
        Assert.That(roles, Is.EqualTo(new[] { "batch" }));
        Assert.That(failover, Is.EqualTo(TimeSpan.FromSeconds(120)));

        // Into both roles, suppressed in the new one: the driver states MULTI_ROLE, and the master keeps the
        // suppression.
        await loop.InvokeAsync(() =>
        {
            driver.UpdateFramework(new FrameworkInfo("mover", "batch").WithRoles(["batch", "analytics"]), suppressedRoles: ["analytics"]);
            return true;
        });
        var updated = await WaitAsync(master, () => master.Master.FrameworkInfoOf(id).Roles.Count == 2);
        Assert.That(updated, Is.True, string.Join("\n", log));
        var (both, suppressed, kept) = await master.OnLoop(() => (master.Master.FrameworkInfoOf(id).Roles.ToArray(),
            master.Master.SuppressedRoles(id).ToArray(), master.Host.Scheduler.FailoverTimeoutOf(id)));
        Assert.That(both, Is.EqualTo(new[] { "batch", "analytics" }));
        Assert.That(suppressed, Is.EqualTo(new[] { "analytics" }));
        Assert.That(kept, Is.EqualTo(TimeSpan.FromSeconds(120)), "a failover timeout not restated is kept");
    }

    [Test]
    public async Task AnUpdateTheMasterRefuses_ReachesTheFrameworkAsAnError()
    {
        await using var master = await ApiMaster.StartAsync();
        using var loop = new LiveLoop();
        loop.Start();
        await using var driver = new HttpSchedulerDriver([master.Address], "multi", "s3cret-multi", loop, _ => { });
        var events = new Events();
        await loop.InvokeAsync(() =>
        {
            driver.Subscribe(new FrameworkInfo("mover", "analytics"), events);
            return true;
        });
        await driver.Subscribed.WaitAsync(ApiMaster.Bound);
        await loop.InvokeAsync(() =>
        {
            driver.UpdateFramework(new FrameworkInfo("mover", "web"));
            return true;
        });
        var error = await events.NextAsync<string>();
        Assert.That(error, Does.StartWith("UPDATE_FRAMEWORK: 403"));
        Assert.That(error, Does.Contain("'web'"));
    }

    /// <summary>Looks on the master's loop until <paramref name="condition"/> holds: an update answered 202 has no
    /// event of its own to wait for.</summary>
    private static async Task<bool> WaitAsync(ApiMaster master, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + ApiMaster.Bound;
        while (DateTime.UtcNow < deadline)
        {
            if (await master.OnLoop(condition)) return true;
            await Task.Delay(20);
        }
        return false;
    }
}
