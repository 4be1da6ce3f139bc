using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Bench;

namespace ClusterSim.Experiments.Cli;

/// <summary>
/// <c>clustersim bench live [--agents 2000] [--frameworks 100] [--duration 60s] [--warm-up 10s]
/// [--refuse-seconds 0] [--roles 10] [--out DIR] [--master URL (--token-file F | --principal P --secret-file F)]</c>:
/// loads a live master over 127.0.0.1 with fake agents and declining frameworks played by this process, and
/// reports offer latency percentiles, offers per second and CPU (see README, Performance). --agents and
/// --frameworks take comma-separated lists; every pair is measured in turn, each with a fresh master.
/// </summary>
public static class LiveBenchCommand
{
    public static Command Create()
    {
        var agents = new Option<string>("--agents") { Description = "Fake agents, or a comma-separated list of counts", DefaultValueFactory = _ => "2000" };
        var frameworks = new Option<string>("--frameworks") { Description = "Subscribed frameworks, or a comma-separated list of counts", DefaultValueFactory = _ => "100" };
        var duration = new Option<string>("--duration") { Description = "Measured window per load", DefaultValueFactory = _ => "60s" };
        var warmUp = new Option<string>("--warm-up") { Description = "Load before the window, not measured", DefaultValueFactory = _ => "10s" };
        var refuse = new Option<double>("--refuse-seconds") { Description = "The filter of every DECLINE (0: offered again at the next allocation run)", DefaultValueFactory = _ => 0 };
        var roles = new Option<int>("--roles") { Description = "Roles the frameworks are spread over", DefaultValueFactory = _ => 10 };
        var output = new Option<string>("--out") { Description = "Where live.csv goes", DefaultValueFactory = _ => Path.Combine("results", "bench", "live") };
        var master = new Option<string?>("--master") { Description = "Load this master instead of hosting one on 127.0.0.1 (loopback only)" };
        var tokenFile = new Option<FileInfo?>("--token-file") { Description = "With --master: the shared token" };
        var principal = new Option<string?>("--principal") { Description = "With --master: a principal that may register agents and subscribe in roles lb-*" };
        var secretFile = new Option<FileInfo?>("--secret-file") { Description = "With --master: the principal's secret" };
        var command = new Command("live", "Load a live master with fake agents and frameworks over loopback and measure offer latency")
            { agents, frameworks, duration, warmUp, refuse, roles, output, master, tokenFile, principal, secretFile };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!TryCounts(result.GetValue(agents)!, "--agents", out var agentCounts) || !TryCounts(result.GetValue(frameworks)!, "--frameworks", out var frameworkCounts))
                return 2;
            if (!TryWindow(result.GetValue(duration)!, "--duration", positive: true, out var window) || !TryWindow(result.GetValue(warmUp)!, "--warm-up", positive: false, out var warm))
                return 2;
            if (result.GetValue(refuse) is var r && (r < 0 || r > 3600)) return Fail($"--refuse-seconds: expected 0 to 3600 seconds, found {r.ToString(CultureInfo.InvariantCulture)}");
            if (result.GetValue(roles) < 1) return Fail($"--roles: expected at least 1, found {result.GetValue(roles)}");
            AuthenticationHeaderValue? credentials = null;
            var url = result.GetValue(master);
            if (url != null)
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !uri.IsLoopback)
                    return Fail($"--master: expected an http URL on 127.0.0.1 (the bench stays on loopback), found '{url}'");
                if (LiveCredential.Read(result.GetValue(principal), result.GetValue(secretFile), out bool present) is var (p, s))
                    credentials = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{p}:{s}")));
                else if (present) return 2;
                else if (LiveToken.Read(result.GetValue(tokenFile)) is { } token) credentials = new AuthenticationHeaderValue("Bearer", token.Value);
                else return Fail("--master: expected --token-file F or --principal P --secret-file F");
            }
            var results = new List<LiveBenchResult>();
            foreach (var a in agentCounts)
                foreach (var f in frameworkCounts)
                {
                    Console.WriteLine($"load: {a} agents, {f} frameworks");
                    var options = new LiveBenchOptions(a, f, window)
                    {
                        WarmUp = warm,
                        RefuseSeconds = result.GetValue(refuse),
                        Roles = result.GetValue(roles),
                        MasterUrl = url,
                        Credentials = credentials,
                    };
                    try
                    {
                        results.Add(await LiveBench.RunAsync(options, Console.Out, cancellationToken));
                    }
                    catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TimeoutException or IOException)
                    {
                        return Fail($"{a} agents, {f} frameworks: {e.Message}");
                    }
                    LiveBenchReport.PrintHeader(Console.Out);
                    LiveBenchReport.PrintRow(results[^1], Console.Out);
                }
            Console.WriteLine();
            LiveBenchReport.PrintHeader(Console.Out);
            foreach (var row in results) LiveBenchReport.PrintRow(row, Console.Out);
            Console.WriteLine($"wrote {LiveBenchReport.Write(results, result.GetValue(output)!)}");
            return 0;
        });
        return command;
    }

    private static bool TryCounts(string text, string option, out int[] counts)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        counts = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out counts[i]) || counts[i] < 1 || counts[i] > 100_000)
            {
                Fail($"{option}: expected counts from 1 to 100000 separated by commas, found '{parts[i]}'");
                return false;
            }
        if (parts.Length == 0) Fail($"{option}: expected at least one count");
        return parts.Length > 0;
    }

    private static bool TryWindow(string text, string option, bool positive, out TimeSpan window)
    {
        window = TimeSpan.Zero;
        if (!Duration.TryParse(text, out var d, out var error) || d.IsForever || d < Duration.Zero || (positive && d == Duration.Zero))
        {
            Fail($"{option}: {(error.Length > 0 ? error : $"expected a {(positive ? "positive" : "non-negative")} duration such as 60s, found '{text}'")}");
            return false;
        }
        window = TimeSpan.FromSeconds(d.Seconds);
        return true;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("error: " + message);
        return 2;
    }
}
