using System.Diagnostics;

namespace ClusterSim.RealAgent.Tests.Live;

/// <summary>
/// Restarts the Docker daemon the way it runs on these machines (SERVICES.md: tools/setup-docker.sh starts
/// dockerd detached with nohup when systemd is not PID 1's init, through systemd otherwise): stop it with
/// SIGTERM (it stops its containers), then run tools/setup-docker.sh, which starts it again and waits until
/// it answers. The daemon is left running, as it was found.
/// </summary>
public static class DockerDaemon
{
    public static async Task RestartAsync(CancellationToken cancellationToken)
    {
        if (File.Exists("/run/systemd/system"))
        {
            await RunAsync("systemctl", ["restart", "docker"], cancellationToken);
            return;
        }
        var pids = (await RunAsync("pidof", ["dockerd"], cancellationToken)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var pid in pids.Select(int.Parse))
        {
            using var dockerd = Process.GetProcessById(pid);
            await RunAsync("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)], cancellationToken);
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bound.CancelAfter(TimeSpan.FromSeconds(30));
            await dockerd.WaitForExitAsync(bound.Token);
        }
        await RunAsync("bash", [Path.Combine(LiveCluster.RepositoryRoot, "tools", "setup-docker.sh")], cancellationToken);
    }

    private static async Task<string> RunAsync(string program, string[] arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0) Assert.Fail($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await errors}");
        return (await output).Trim();
    }
}
