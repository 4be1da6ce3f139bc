using dotnet_etcd;
using Etcdserverpb;
using Google.Protobuf;
using Grpc.Core;
using V3Electionpb;

namespace ClusterSim.RealAgent.Master;

/// <summary>
/// Master leadership through etcd's election API, the project's stand-in for Mesos's ZooKeeper contender and
/// detector (src/master/contender, src/master/detector): each master holds a lease with a short TTL, kept
/// alive while it runs, and campaigns under one election name with its own URL as the value. etcd makes at
/// most one campaigner leader at a time; when the leader's lease ends (the process died, or it lost etcd for
/// longer than the TTL) the next campaigner is elected. A leader that cannot confirm its lease steps down at
/// once (<see cref="Lost"/>), as Mesos's master aborts when it loses leadership, so two masters never make
/// offers at the same time. Every master follows who leads (<see cref="LeaderUrl"/>) to redirect clients.
/// </summary>
public sealed class MasterLeadership : IAsyncDisposable
{
    public const string ElectionName = "clustersim/master/leader";

    private readonly EtcdClient _etcd;
    private readonly string _endpoints;
    private readonly long _ttlSeconds;
    private readonly Action<string> _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lease;
    private Task _keepAlive = Task.CompletedTask;
    private Task _watchdog = Task.CompletedTask;
    private Task _observer = Task.CompletedTask;
    private volatile string? _leader;

    public MasterLeadership(string endpoints, long ttlSeconds, Action<string> log)
    {
        _endpoints = endpoints;
        _ttlSeconds = ttlSeconds;
        _log = log;
        _etcd = new EtcdClient(endpoints);
    }

    /// <summary>The URL of the master that leads now, as etcd says; null while nobody does.</summary>
    public string? LeaderUrl => _leader;

    /// <summary>Completes when this master, once leader, can no longer be sure it still is.</summary>
    public Task Lost => _lost.Task;

    /// <summary>Takes a lease (failing with a message naming the etcd address when etcd does not answer) and
    /// starts following the leader.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var grant = await _etcd.LeaseGrantAsync(new LeaseGrantRequest { TTL = _ttlSeconds },
                deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: cancellationToken);
            _lease = grant.ID;
        }
        catch (RpcException e)
        {
            throw new InvalidOperationException($"--etcd {_endpoints}: etcd did not answer ({e.Status.StatusCode}: {e.Status.Detail})", e);
        }
        _keepAlive = Task.Run(() => KeepAliveAsync(_stop.Token), CancellationToken.None);
        _observer = Task.Run(() => ObserveAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>Waits until this master is elected, with <paramref name="url"/> as what clients are sent to.</summary>
    public async Task CampaignAsync(string url, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        await _etcd.CampaignAsync(new CampaignRequest
        {
            Name = ByteString.CopyFromUtf8(ElectionName),
            Lease = _lease,
            Value = ByteString.CopyFromUtf8(url),
        }, cancellationToken: linked.Token);
        _leader = url;
        _watchdog = Task.Run(() => WatchLeaseAsync(_stop.Token), CancellationToken.None);
    }

    private async Task KeepAliveAsync(CancellationToken token)
    {
        // The library's keep-alive refreshes the lease on its own stream; whether it still holds is what the
        // watchdog asks etcd directly.
        try
        {
            await _etcd.LeaseKeepAlive(_lease, token);
        }
        catch (Exception e) when (e is RpcException or OperationCanceledException)
        {
        }
    }

    /// <summary>Steps down when the lease has not been confirmed for a TTL less one check period, or etcd says
    /// it expired. The confirming calls run on their own loop (<see cref="ConfirmLeaseAsync"/>): the watchdog
    /// only reads the clock, so a call that never returns, or a client library that blocks or retries inside
    /// a call, cannot keep a leader from stepping down (CI saw one that never did after etcd was killed).</summary>
    private async Task WatchLeaseAsync(CancellationToken token)
    {
        var period = TimeSpan.FromSeconds(Math.Max(0.2, _ttlSeconds / 5.0));
        var confirmation = new LeaseConfirmation();
        var confirming = Task.Run(() => ConfirmLeaseAsync(confirmation, period, token), CancellationToken.None);
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(token))
            {
                if (confirmation.Expired)
                {
                    StepDown("its etcd lease expired");
                    return;
                }
                // Step down before the lease can have run out: the other masters may be elected then.
                var unconfirmed = confirmation.Since;
                if (unconfirmed >= TimeSpan.FromSeconds(_ttlSeconds) - period)
                {
                    StepDown($"etcd at {_endpoints} has not confirmed its lease for {unconfirmed.TotalSeconds:0.#} s ({confirmation.LastError ?? "no answer"})");
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            confirmation.Stop();
            await confirming.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Asks etcd for the lease's remaining time once per period, each call bounded by the period.</summary>
    private async Task ConfirmLeaseAsync(LeaseConfirmation confirmation, TimeSpan period, CancellationToken token)
    {
        while (!token.IsCancellationRequested && !confirmation.Stopped)
        {
            try
            {
                var ttl = await _etcd.LeaseTimeToLiveAsync(new LeaseTimeToLiveRequest { ID = _lease },
                    deadline: DateTime.UtcNow + period, cancellationToken: token).WaitAsync(period, token);
                confirmation.Confirmed(ttl.TTL > 0);
            }
            catch (Exception e) when (!token.IsCancellationRequested)
            {
                confirmation.LastError = e is RpcException rpc ? rpc.Status.StatusCode.ToString() : e.GetType().Name;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                await Task.Delay(period, token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void StepDown(string why)
    {
        _leader = null;
        _log($"lost leadership: {why}");
        _lost.TrySetResult();
    }

    private async Task ObserveAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            try
            {
                await foreach (var leader in _etcd.ObserveAsync(ElectionName, cancellationToken: token))
                {
                    var url = leader.Kv?.Value.ToStringUtf8();
                    if (!_lost.Task.IsCompleted) _leader = string.IsNullOrEmpty(url) ? null : url;
                }
            }
            catch (RpcException)
            {
                _leader = null;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_keepAlive, _watchdog, _observer).ContinueWith(_ => { });
        _etcd.Dispose();
        _stop.Dispose();
    }
}
