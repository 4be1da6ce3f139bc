using dotnet_etcd;
using Grpc.Core;

namespace ClusterSim.RealAgent.Master;

/// <summary>
/// Finds the masters through etcd, for clients given <c>--etcd URL</c> instead of a list of masters (as
/// Mesos's clients take a ZooKeeper URL): every master campaigns in <see cref="MasterLeadership.ElectionName"/>
/// with its URL as the value, under a key of its own (etcd's election keys are the name, a slash and the
/// campaigner's lease). The candidates in the order they campaigned, the leader first, make the list the
/// client then follows with <see cref="Live.LeaderFollowingHandler"/>. A master that starts campaigning after
/// the client read the list is not known to it until it restarts.
/// </summary>
public static class EtcdMasterDirectory
{
    /// <summary>The masters' URLs, comma-separated, leader first; an error naming the etcd address when etcd
    /// does not answer or no master campaigns there.</summary>
    public static async Task<string> MastersAsync(string endpoints, CancellationToken cancellationToken = default)
    {
        using var etcd = new EtcdClient(endpoints);
        Etcdserverpb.RangeResponse range;
        try
        {
            range = await etcd.GetRangeAsync(MasterLeadership.ElectionName + "/", deadline: DateTime.UtcNow.AddSeconds(5),
                cancellationToken: cancellationToken);
        }
        catch (RpcException e)
        {
            throw new InvalidOperationException($"--etcd {endpoints}: etcd did not answer ({e.Status.StatusCode}: {e.Status.Detail})", e);
        }
        var urls = range.Kvs.OrderBy(kv => kv.CreateRevision).Select(kv => kv.Value.ToStringUtf8())
            .Where(url => url.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        if (urls.Length == 0)
            throw new InvalidOperationException($"--etcd {endpoints}: no master campaigns for leadership there (election '{MasterLeadership.ElectionName}'); start one with clustersim master --etcd {endpoints}");
        return string.Join(',', urls);
    }
}
