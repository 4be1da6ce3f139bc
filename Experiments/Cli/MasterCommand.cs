using System.CommandLine;
using ClusterSim.Allocators;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Timing;
using ClusterSim.RealAgent.Live;
using ClusterSim.RealAgent.Master;

namespace ClusterSim.Experiments.Cli;

/// <summary>
/// <c>clustersim master --listen URL --token-file F [--policy drf] [--heartbeat 15s] [--missed-heartbeats 5]</c>:
/// a standalone live master with its allocator, for bringing agents up and watching them (/, /state)
/// before a run. Frameworks come with an experiment: <c>clustersim run FILE --live</c> hosts its own master.
/// </summary>
public static class MasterCommand
{
    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "Where to listen, e.g. http://127.0.0.1:5050", DefaultValueFactory = _ => Model.LiveSpec.DefaultListen };
        var tokenFile = new Option<FileInfo?>("--token-file") { Description = "File holding the bearer token the master and the agents share" };
        var policy = new Option<string>("--policy") { Description = "Allocation policy: " + AllocationPolicies.Names, DefaultValueFactory = _ => "drf" };
        var heartbeat = new Option<string>("--heartbeat") { Description = "Agents' heartbeat interval", DefaultValueFactory = _ => "15s" };
        var missed = new Option<int>("--missed-heartbeats") { Description = "Heartbeats an agent may miss before it is removed", DefaultValueFactory = _ => 5 };
        var command = new Command("master", "Run a standalone live master that agents register with") { listen, tokenFile, policy, heartbeat, missed };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (LiveToken.Read(result.GetValue(tokenFile)) is not { } token) return 2;
            if (!AllocationPolicies.IsKnown(result.GetValue(policy)!))
                return Fail($"--policy: expected one of {AllocationPolicies.Names}, found '{result.GetValue(policy)}'");
            if (!Duration.TryParse(result.GetValue(heartbeat), out var interval, out var error) || interval.Micros <= 0 || interval.IsForever)
                return Fail($"--heartbeat: {(error.Length > 0 ? error : "expected a positive interval such as 15s")}");
            if (result.GetValue(missed) < 1) return Fail($"--missed-heartbeats: expected at least 1, found {result.GetValue(missed)}");
            await using var host = new MasterHost(new MasterHostOptions(result.GetValue(listen)!, token)
            {
                HeartbeatInterval = TimeSpan.FromSeconds(interval.Seconds),
                MaxMissedHeartbeats = result.GetValue(missed),
            });
            using var loop = new LiveLoop();
            loop.Start();
            try
            {
                await host.StartAsync(cancellationToken);
                var options = new AllocationOptions { Policy = result.GetValue(policy)! };
                await loop.InvokeAsync(() =>
                {
                    var master = new Core.Cluster.Master(loop, AllocationPolicies.Create(loop, options, 1), options);
                    host.Attach(loop, master);
                    master.Start();
                    return true;
                });
                Console.WriteLine($"master listening on {host.Address} (policy {options.Policy}); Ctrl-C to stop");
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
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
