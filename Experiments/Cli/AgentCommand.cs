using System.CommandLine;
using ClusterSim.Core.Resources;
using ClusterSim.RealAgent.Agent;
using ClusterSim.RealAgent.Containers;

namespace ClusterSim.Experiments.Cli;

/// <summary>
/// <c>clustersim agent (--master URL[,URL...] | --etcd URL[,URL...]) --listen URL (--principal P --secret-file F | --token-file F) [--name N] [--resources R] [--reserve R]
/// [--oversubscription-interval 15s [--oversubscription-offered 0.8] [--qos-threshold 1.0] [--qos-evict all|newest|none]] [--attributes "rack:r1;zone:a"]</c>:
/// the agent daemon of one host. The oversubscription options are the experiment file's <c>oversubscription:</c> keys
/// (<c>estimatorInterval</c>, <c>offered</c>, <c>qos: { threshold, evict }</c>) for one live agent. Runs until interrupted; its task
/// containers keep running when it stops, and it takes them back when started again with the same name.
/// </summary>
public static class AgentCommand
{
    public static Command Create()
    {
        var master = new Option<string?>("--master") { Description = "The master's URL, e.g. http://10.0.0.1:5050, or several separated by commas (the agent follows the leader)" };
        var etcd = new Option<string?>("--etcd") { Description = "Instead of --master: etcd endpoints (comma-separated URLs) where the masters campaign for leadership; the agent follows the leader among them" };
        var listen = new Option<string>("--listen") { Description = "Where this agent listens for launch and kill, e.g. http://10.0.0.2:5051 (port 0: any free port)", Required = true };
        var tokenFile = new Option<FileInfo?>("--token-file") { Description = "File holding the one secret the master and the agents share (instead of --principal and --secret-file)" };
        var principal = new Option<string?>("--principal") { Description = "The agent's principal in the master's ACL file (it needs agent: true)" };
        var secretFile = new Option<FileInfo?>("--secret-file") { Description = "File holding the principal's secret" };
        var name = new Option<string?>("--name") { Description = "The agent's name, unique in the cluster and the same across restarts (default: host name and listen port)" };
        var resources = new Option<string?>("--resources") { Description = "What to offer, e.g. \"cpus:4;mem:8192\" (default: the host's CPUs and memory from Docker, less --reserve)" };
        var reserve = new Option<string>("--reserve") { Description = "Kept back for the host when --resources is not given", DefaultValueFactory = _ => "cpus:0.5;mem:512" };
        var oversubscription = new Option<string?>("--oversubscription-interval") { Description = "Estimate this agent's slack (allocated less used, from Docker's stats) this often and report it to the master as revocable resources (the master needs --oversubscription), e.g. 15s" };
        var offeredShare = new Option<string?>("--oversubscription-offered") { Description = "The share of the slack reported as revocable, in (0, 1] (default 1; the experiment file's oversubscription: offered)" };
        var qosThreshold = new Option<string?>("--qos-threshold") { Description = "Evict revocable tasks when the measured usage of all tasks exceeds this share of the agent's resources, in (0, 1] (default 1; checked on every estimator tick)" };
        var qosEvict = new Option<string?>("--qos-evict") { Description = "Which revocable tasks an overloaded agent evicts: all (Mesos's load QoS controller; the default) or newest (the most recent first, until usage fits), or none (no QoS controller, as a Mesos agent without --qos_controller: slack is still reported, nothing is evicted)" };
        var attributes = new Option<string?>("--attributes") { Description = "Attributes, e.g. \"rack:r1;zone:a\"" };
        var command = new Command("agent", "Run an agent daemon that registers with a live master and runs tasks as Docker containers")
            { master, etcd, listen, tokenFile, principal, secretFile, name, resources, reserve, attributes, oversubscription, offeredShare, qosThreshold, qosEvict };
        command.SetAction(async (result, cancellationToken) =>
        {
            var credential = LiveCredential.Read(result.GetValue(principal), result.GetValue(secretFile), out bool given);
            if (given && credential == null) return 2;
            var token = given ? null : LiveToken.Read(result.GetValue(tokenFile));
            if (!given && token == null) return 2;
            var listenUrl = result.GetValue(listen)!;
            if (!Uri.TryCreate(listenUrl, UriKind.Absolute, out var listenUri) || listenUri.Scheme != "http")
                return Fail($"--listen: expected an http URL such as http://127.0.0.1:5051, found '{listenUrl}'");
            var masterUrl = result.GetValue(master);
            var etcdUrls = result.GetValue(etcd);
            if ((masterUrl == null) == (etcdUrls == null)) return Fail("give either --master URL[,URL...] or --etcd URL[,URL...]");
            if (etcdUrls != null)
            {
                try
                {
                    masterUrl = await RealAgent.Master.EtcdMasterDirectory.MastersAsync(etcdUrls, cancellationToken);
                }
                catch (InvalidOperationException e)
                {
                    return Fail(e.Message);
                }
            }
            if (RealAgent.Live.LeaderFollowingHandler.Parse(masterUrl!, out var masterError) == null)
                return Fail($"--master: {masterError}");
            var offered = result.GetValue(resources);
            if (offered != null && (!ResourceSet.TryParse(offered, out var set, out var error) || set.Total.IsEmpty))
                return Fail($"--resources: expected resources such as \"cpus:4;mem:8192\", found '{offered}'");
            if (!ResourceSet.TryParse(result.GetValue(reserve), out var keptSet, out var reserveError))
                return Fail($"--reserve: {reserveError}");
            var kept = keptSet.Total;
            var attrs = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in (result.GetValue(attributes) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var colon = pair.IndexOf(':');
                if (colon <= 0) return Fail($"--attributes: expected key:value pairs separated by ';', found '{pair}'");
                attrs[pair[..colon].Trim()] = pair[(colon + 1)..].Trim();
            }
            TimeSpan? estimateEvery = null;
            if (result.GetValue(oversubscription) is { } every)
            {
                if (!Core.Timing.Duration.TryParse(every, out var d, out var dError) || d.Micros <= 0 || d.IsForever)
                    return Fail($"--oversubscription-interval: {(dError.Length > 0 ? dError : "expected a positive interval such as 15s")}");
                estimateEvery = TimeSpan.FromSeconds(d.Seconds);
            }
            double offeredFraction = 1.0, threshold = 1.0;
            Core.Oversubscription.EvictionRule? eviction = Core.Oversubscription.EvictionRule.All;
            foreach (var (option, value) in new[] { ("--oversubscription-offered", result.GetValue(offeredShare)), ("--qos-threshold", result.GetValue(qosThreshold)), ("--qos-evict", result.GetValue(qosEvict)) })
                if (value != null && estimateEvery == null)
                    return Fail($"{option}: needs --oversubscription-interval (the agent estimates its slack and checks its QoS only then)");
            if (result.GetValue(offeredShare) is { } share && !TryFraction(share, out offeredFraction))
                return Fail($"--oversubscription-offered: expected the share of the slack offered, in (0, 1], found '{share}'");
            if (result.GetValue(qosThreshold) is { } limit && !TryFraction(limit, out threshold))
                return Fail($"--qos-threshold: expected the share of the agent's resources usage may reach, in (0, 1], found '{limit}'");
            if (result.GetValue(qosEvict) is { } rule)
            {
                // The experiment file's qos.evict spellings (OversubscriptionSection).
                // none: no QoS controller (Mesos's default, an empty --qos_controller); the slack is still reported.
                if (rule is not ("all" or "newest" or "none")) return Fail($"--qos-evict: expected all, newest or none, found '{rule}'");
                if (rule == "none" && result.GetValue(qosThreshold) != null)
                    return Fail("--qos-threshold: has no effect with --qos-evict none (the agent evicts nothing)");
                eviction = rule switch { "all" => Core.Oversubscription.EvictionRule.All, "newest" => Core.Oversubscription.EvictionRule.NewestFirst, _ => null };
            }
            var agentName = result.GetValue(name) ?? $"{Environment.MachineName}-{listenUri.Port}";
            var options = new AgentOptions(agentName, masterUrl!, listenUrl, token)
            {
                Credential = credential,
                Resources = offered,
                ReserveCpus = kept.Cpus,
                ReserveMem = kept.Mem,
                Attributes = attrs,
                OversubscriptionInterval = estimateEvery,
                OversubscriptionOffered = offeredFraction,
                QosThreshold = threshold,
                Eviction = eviction,
            };
            await using var daemon = new AgentDaemon(options);
            try
            {
                await daemon.RunAsync(cancellationToken);
                return 0;
            }
            catch (OperationCanceledException)
            {
                return 0;
            }
            catch (Exception e) when (e is UnauthorizedAccessException or ArgumentException or IOException or HttpRequestException or ContainerRuntimeException)
            {
                return Fail(e.Message);
            }
        });
        return command;
    }

    private static bool TryFraction(string text, out double value) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value) && value > 0 && value <= 1;

    private static int Fail(string message)
    {
        Console.Error.WriteLine("error: " + message);
        return 2;
    }
}
