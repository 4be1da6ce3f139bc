using System.CommandLine;
using ClusterSim.Allocators;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Timing;
using ClusterSim.RealAgent.Live;
using ClusterSim.RealAgent.Master;
using ClusterSim.RealAgent.Security;

namespace ClusterSim.Experiments.Cli;

/// <summary>
/// <c>clustersim master --listen URL (--acls FILE | --token-file F) [--policy drf] [--heartbeat 15s]
/// [--missed-heartbeats 5] [--framework-failover-timeout 60s] [--oversubscription]</c>: the standing master daemon. Agents register
/// and leave, frameworks subscribe through the scheduler API (docs/API.md) and leave, operators set quota,
/// weights and reservations, for as long as it runs.
/// </summary>
public static class MasterCommand
{
    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "Where to listen, e.g. http://127.0.0.1:5050", DefaultValueFactory = _ => Model.LiveSpec.DefaultListen };
        var tokenFile = new Option<FileInfo?>("--token-file") { Description = "File holding one shared secret (a principal 'clustersim' that may do everything); --acls is the full form" };
        var acls = new Option<FileInfo?>("--acls") { Description = "YAML file of principals, their secrets and permissions (see README, Principals and ACLs)" };
        var etcd = new Option<string?>("--etcd") { Description = "etcd endpoints (comma-separated URLs): masters elect one leader through etcd; the others redirect to it" };
        var leaderTtl = new Option<string>("--leader-ttl") { Description = "With --etcd: the leadership lease's time to live; a dead leader is replaced after about this long", DefaultValueFactory = _ => "5s" };
        var failover = new Option<string>("--framework-failover-timeout") { Description = "How long a framework that states no failover_timeout may stay disconnected before its tasks are killed", DefaultValueFactory = _ => "60s" };
        var policy = new Option<string>("--policy") { Description = "Allocation policy: " + AllocationPolicies.Names, DefaultValueFactory = _ => "drf" };
        var heartbeat = new Option<string>("--heartbeat") { Description = "Agents' heartbeat interval", DefaultValueFactory = _ => "15s" };
        var missed = new Option<int>("--missed-heartbeats") { Description = "Heartbeats an agent may miss before it is removed", DefaultValueFactory = _ => 5 };
        var reregistration = new Option<string?>("--agent-reregistration-timeout") { Description = "With --etcd: how long a new leader waits for the registry's agents to re-register before it treats the others as gone (their tasks LOST); default: the heartbeat timeout (--heartbeat x --missed-heartbeats, 75 s)" };
        var oversubscription = new Option<bool>("--oversubscription") { Description = "Offer agents' oversubscribed (revocable) resources, as they report them, to frameworks with REVOCABLE_RESOURCES" };
        var command = new Command("master", "Run a standalone live master that agents register with") { listen, tokenFile, acls, policy, heartbeat, missed, failover, etcd, leaderTtl, reregistration, oversubscription };
        command.SetAction(async (result, cancellationToken) =>
        {
            BearerToken? token = null;
            AccessControlList? acl = null;
            if (result.GetValue(acls) is { } aclFile)
            {
                try
                {
                    acl = AccessControlList.Load(aclFile.FullName);
                }
                catch (AclFileException e)
                {
                    return Fail(e.Message);
                }
            }
            else if (result.GetValue(tokenFile) == null) return Fail("expected --acls FILE (principals and permissions) or --token-file F (one shared secret)");
            else if (LiveToken.Read(result.GetValue(tokenFile)) is { } read) token = read;
            else return 2;
            if (!Duration.TryParse(result.GetValue(failover), out var failoverTimeout, out var failoverError) || failoverTimeout.Micros < 0 || failoverTimeout.IsForever)
                return Fail($"--framework-failover-timeout: {(failoverError.Length > 0 ? failoverError : "expected a duration such as 60s")}");
            if (!AllocationPolicies.IsKnown(result.GetValue(policy)!))
                return Fail($"--policy: expected one of {AllocationPolicies.Names}, found '{result.GetValue(policy)}'");
            if (!Duration.TryParse(result.GetValue(heartbeat), out var interval, out var error) || interval.Micros <= 0 || interval.IsForever)
                return Fail($"--heartbeat: {(error.Length > 0 ? error : "expected a positive interval such as 15s")}");
            if (result.GetValue(missed) < 1) return Fail($"--missed-heartbeats: expected at least 1, found {result.GetValue(missed)}");
            await using var host = new MasterHost(new MasterHostOptions(result.GetValue(listen)!, token)
            {
                Acl = acl,
                FrameworkFailoverTimeout = TimeSpan.FromSeconds(failoverTimeout.Seconds),
                HeartbeatInterval = TimeSpan.FromSeconds(interval.Seconds),
                MaxMissedHeartbeats = result.GetValue(missed),
            });
            if (!Duration.TryParse(result.GetValue(leaderTtl), out var ttl, out var ttlError) || ttl.Seconds < 1 || ttl.IsForever)
                return Fail($"--leader-ttl: {(ttlError.Length > 0 ? ttlError : "expected at least 1s, such as 5s")}");
            var reregistrationTimeout = TimeSpan.FromSeconds(interval.Seconds * result.GetValue(missed));
            if (result.GetValue(reregistration) is { } text)
            {
                if (!Duration.TryParse(text, out var d, out var dError) || d.Micros <= 0 || d.IsForever)
                    return Fail($"--agent-reregistration-timeout: {(dError.Length > 0 ? dError : "expected a positive duration such as 75s")}");
                reregistrationTimeout = TimeSpan.FromSeconds(d.Seconds);
            }
            // A master under election stands by from its first request on.
            host.Leading = result.GetValue(etcd) == null;
            try
            {
                await host.StartAsync(cancellationToken);
                var rule = AllocationPolicy.Named(result.GetValue(policy)!);
                bool revocable = result.GetValue(oversubscription);
                var described = $"policy {rule.Name}{(revocable ? ", oversubscription" : "")}";
                if (result.GetValue(etcd) is { } endpoints)
                {
                    Console.WriteLine($"master listening on {host.Address} ({described}); standing by for leadership through etcd at {endpoints}");
                    var options = new AllocationOptions();
                    var terms = new LeadershipTerms(host, endpoints, (long)Math.Ceiling(ttl.Seconds), reregistrationTimeout,
                        loop => new Core.Cluster.Master(loop, StandingAllocator.Create(loop, options, rule, revocable), options), Console.WriteLine);
                    return await terms.RunAsync(cancellationToken);
                }
                using var loop = new LiveLoop();
                loop.Start();
                var allocation = new AllocationOptions();
                await loop.InvokeAsync(() =>
                {
                    var cluster = new Core.Cluster.HostedCluster(loop, StandingAllocator.Create(loop, allocation, rule, revocable), allocation);
                    host.Attach(loop, cluster.Master);
                    cluster.Start();
                    return true;
                });
                Console.WriteLine($"master listening on {host.Address} ({described}); Ctrl-C to stop");
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
            catch (LeadershipException e)
            {
                return Fail(e.Message);
            }
            catch (IOException e)
            {
                return Fail($"--listen {result.GetValue(listen)}: {e.Message}");
            }
            return 0;
        });
        return command;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("error: " + message);
        return 2;
    }
}
