using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace ClusterSim.RealAgent.Tests.Scheduler;

/// <summary>
/// The example framework of examples/python-framework against an in-process master with simulated agents (no
/// Docker): it declines an inverse offer for an agent where its task still runs, and its task is killed when
/// the operator takes the machine down. python3 comes from PATH; without it the test is ignored, except under
/// CI=true, where it fails.
/// </summary>
public class PythonMaintenanceTests
{
    private static string Script => Path.Combine(Live.LiveCluster.RepositoryRoot, "examples", "python-framework", "framework.py");

    private static long NowNanos => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;

    [Test]
    public async Task ThePythonFramework_DeclinesInverseOffers_WhileItsTaskRunsThere()
    {
        var python = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "python3")).FirstOrDefault(File.Exists);
        if (python == null)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                Assert.Fail("python3 is not on PATH; CI=true, so the Python framework tests must run.");
            Assert.Ignore("python3 is not on PATH");
        }
        await using var master = await ApiMaster.StartAsync();
        using var ops = master.Client("ops", "s3cret-ops");
        var secret = Path.GetTempFileName();
        await File.WriteAllTextAsync(secret, "s3cret-an\n");
        var start = new ProcessStartInfo(python!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                Script, "--master", master.Address.ToString(), "--principal", "analytics", "--secret-file", secret,
                "--role", "analytics", "--tasks", "1", "--cpus", "1", "--mem", "64", "--command", "sleep 600", "--name", "py",
            },
        };
        var lines = Channel.CreateUnbounded<string>();
        var output = new List<string>();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == null) return;
            lock (output) output.Add(e.Data);
            lines.Writer.TryWrite(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data != null) lock (output) output.Add(e.Data);
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            async Task WaitFor(string text)
            {
                using var timeout = new CancellationTokenSource(ApiMaster.Bound);
                try
                {
                    while (!(await lines.Reader.ReadAsync(timeout.Token)).Contains(text, StringComparison.Ordinal))
                    {
                    }
                }
                catch (OperationCanceledException)
                {
                    lock (output) Assert.Fail($"no line with '{text}' within {ApiMaster.Bound}:\n{string.Join("\n", output)}");
                }
            }

            await WaitFor("task py-0: TASK_RUNNING");
            var window = new JsonObject
            {
                ["windows"] = new JsonArray(new JsonObject
                {
                    ["machine_ids"] = new JsonArray(new JsonObject { ["hostname"] = "agent-0" }),
                    ["unavailability"] = new JsonObject { ["start"] = new JsonObject { ["nanoseconds"] = NowNanos + 60_000_000_000 } },
                }),
            };
            Assert.That((await ops.PostAsync("/master/maintenance/schedule", window)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            await WaitFor("maintenance on agent-0: declined (1 task(s) still run there)");

            // The operator takes the machine down regardless: the task is killed and the framework says so.
            var down = new JsonArray(new JsonObject { ["hostname"] = "agent-0" });
            Assert.That((await ops.PostAsync("/master/machine/down", down)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            await WaitFor("task py-0: TASK_KILLED");
            using (var exitTimeout = new CancellationTokenSource(ApiMaster.Bound)) await process.WaitForExitAsync(exitTimeout.Token);
            Assert.That(process.ExitCode, Is.EqualTo(1));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            File.Delete(secret);
        }
    }
}
