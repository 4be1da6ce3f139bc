using ClusterSim.Allocators;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Timing;
using ClusterSim.RealAgent.Live;
using ClusterSim.RealAgent.Master;
using ClusterSim.RealAgent.Security;

namespace ClusterSim.RealAgent.Tests.Scheduler;

/// <summary>
/// A standing master in this process on 127.0.0.1 (any free port), with principals for an operator, agents and
/// two framework roles, and in-process simulated agents on its live loop, so the scheduler API is tested
/// without Docker. Disposing stops the server and the loop.
/// </summary>
public sealed class ApiMaster : IAsyncDisposable
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    public static readonly AccessControlList Acl = AccessControlList.Of(
        (new Principal("ops", Operator: true, Agent: false, new SortedSet<string>()), "s3cret-ops"),
        (new Principal("agents", Operator: false, Agent: true, new SortedSet<string>()), "s3cret-agents"),
        (new Principal("analytics", Operator: false, Agent: false, new SortedSet<string>(["analytics"])), "s3cret-an"),
        (new Principal("other", Operator: false, Agent: false, new SortedSet<string>(["analytics"])), "s3cret-other"),
        (new Principal("multi", Operator: false, Agent: false, new SortedSet<string>(["analytics", "batch"])), "s3cret-multi"));

    private ApiMaster(LiveLoop loop, MasterHost host, Core.Cluster.Master master)
    {
        Loop = loop;
        Host = host;
        Master = master;
    }

    public LiveLoop Loop { get; }
    public MasterHost Host { get; }
    public Core.Cluster.Master Master { get; }
    public Uri Address => Host.Address;

    /// <param name="revocable">Wraps the allocator in a <see cref="Allocators.Oversubscription.RevocableAllocator"/>:
    /// tests set agents' revocable totals through <see cref="Core.Oversubscription.IOversubscribedTotals"/>.</param>
    public static async Task<ApiMaster> StartAsync(int agents = 1, string agentResources = "cpus:4;mem:4096",
        TimeSpan? heartbeat = null, bool revocable = false)
    {
        var loop = new LiveLoop();
        loop.Start();
        var log = new List<string>();
        var host = new MasterHost(new MasterHostOptions("http://127.0.0.1:0", null)
        {
            Acl = Acl,
            HeartbeatInterval = heartbeat ?? TimeSpan.FromSeconds(15),
            Log = line => { lock (log) log.Add(line); },
        });
        await host.StartAsync(CancellationToken.None);
        var options = new AllocationOptions { Interval = Duration.FromMilliseconds(100) };
        var master = await loop.InvokeAsync(() =>
        {
            var allocator = AllocationPolicies.Create(loop, options, AllocationPolicy.Default, 1);
            if (revocable) allocator = new Allocators.Oversubscription.RevocableAllocator(allocator, loop);
            var m = new Core.Cluster.Master(loop, allocator, options);
            host.Attach(loop, m);
            m.Start();
            for (int i = 0; i < agents; i++) new SimulatedAgent(loop, m).Register(AgentInfo.Of($"agent-{i}", agentResources));
            return m;
        });
        return new ApiMaster(loop, host, master);
    }

    public SchedulerClient Client(string principal, string secret) => new(Address, principal, secret);

    public Task<T> OnLoop<T>(Func<T> f) => Loop.InvokeAsync(f).WaitAsync(Bound);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Loop.Dispose();
    }
}
