using ClusterSim.RealAgent.Live;
using ClusterSim.RealAgent.Master.Registry;
using Grpc.Core;

namespace ClusterSim.RealAgent.Master;

/// <summary>
/// A master under etcd leader election, term after term: stand by (redirecting to the leader), be elected,
/// recover the registry into a new master on a new loop and lead until the lease cannot be confirmed, then step
/// down at once (stop the loop: no more offers) and stand by again, answering 503 while no leader is known
/// (etcd down) and 307 once one is. Mesos's master aborts on losing leadership and relies on a supervisor; the
/// project's stays up so that its clients are told what is going on.
/// </summary>
public sealed class LeadershipTerms(MasterHost host, string endpoints, long ttlSeconds, TimeSpan reregistrationTimeout,
    Func<LiveLoop, Core.Cluster.Master> createMaster, Action<string> log)
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(1);

    /// <summary>Runs until cancelled. Throws <see cref="LeadershipException"/> when etcd does not answer at start.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        bool first = true;
        var url = host.Address.ToString().TrimEnd('/');
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var leadership = new MasterLeadership(endpoints, ttlSeconds, log);
            try
            {
                await leadership.StartAsync(cancellationToken);
            }
            catch (InvalidOperationException e)
            {
                if (first) throw new LeadershipException(e.Message, e);
                await Task.Delay(Retry, cancellationToken);
                continue;
            }
            first = false;
            host.Leader = () => leadership.LeaderUrl;
            try
            {
                await leadership.CampaignAsync(url, cancellationToken);
                await LeadAsync(leadership, cancellationToken);
            }
            catch (RpcException e)
            {
                log($"etcd at {endpoints} failed during the election ({e.Status.StatusCode}); standing by");
            }
            catch (InvalidOperationException e)
            {
                log($"error: {e.Message}; standing by");
            }
            host.Leader = () => null;
            await Task.Delay(Retry, cancellationToken);
        }
        return 0;
    }

    private async Task LeadAsync(MasterLeadership leadership, CancellationToken cancellationToken)
    {
        await using var registry = new MasterRegistry(endpoints, log);
        var contents = await registry.ReadAsync(endpoints, cancellationToken);
        foreach (var problem in contents.Problems) log($"error: {problem}; not recovered (the entry stays in etcd)");
        var loop = new LiveLoop();
        loop.Start();
        try
        {
            await loop.InvokeAsync(() =>
            {
                var master = createMaster(loop);
                var elected = System.Diagnostics.Stopwatch.StartNew();
                master.AddListener(new FirstOfferLog(() => log($"serving offers: the first offer went out {elected.Elapsed.TotalSeconds:0.00} s after the election")));
                host.Attach(loop, master);
                host.Recover(contents, registry, reregistrationTimeout);
                master.Start();
                return true;
            });
            host.Leading = true;
            log($"elected leader: {host.Address}");

            await leadership.Lost.WaitAsync(cancellationToken);
            log("error: this master lost its leadership; it makes no more offers and answers 503 until a leader is elected");
        }
        finally
        {
            host.Leading = false;
            host.Leader = () => null;
            // Stopped, not disposed: calls still waiting on the old loop simply never complete.
            loop.Stop();
            host.Detach();
        }
    }
}
