namespace ClusterSim.RealAgent.Tests.Live;

/// <summary>
/// An etcd of a test's own on 127.0.0.1 (free client and peer ports, a data folder under the cluster's
/// folder), started from Debian's etcd-server package (tools/setup-etcd.sh installs it as root). It can be
/// stopped and started again on the same ports and data, as an etcd outage. Without etcd the test is ignored,
/// except under CI=true, where it fails.
/// </summary>
public sealed class EtcdServer : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly string _program;
    private readonly string _folder;
    private readonly int _peer = LiveCluster.FreePort();
    // Its own data per server: tests of one fixture share the cluster's folder, never a registry.
    private readonly string _data = "etcd-" + Guid.NewGuid().ToString("N")[..8];
    private ClusterProcess? _process;

    private EtcdServer(string program, string folder)
    {
        _program = program;
        _folder = folder;
        Url = $"http://127.0.0.1:{LiveCluster.FreePort()}";
    }

    /// <summary>The client URL masters are given with --etcd.</summary>
    public string Url { get; }

    public static async Task<EtcdServer> StartAsync(string folder)
    {
        var program = new[] { "/usr/bin/etcd", "/usr/local/bin/etcd" }.FirstOrDefault(File.Exists);
        if (program == null)
        {
            const string reason = "etcd is not installed; tools/setup-etcd.sh installs Debian's etcd-server when run as root.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                Assert.Fail(reason + " CI=true, so the etcd tests must run.");
            Assert.Ignore(reason);
        }
        var server = new EtcdServer(program!, folder);
        await server.RestartAsync();
        return server;
    }

    /// <summary>(Re)starts etcd on the same ports and data and waits until it serves.</summary>
    public async Task RestartAsync()
    {
        _process?.Dispose();
        _process = ClusterProcess.StartProgram("etcd", _program,
        [
            "--name", "test", "--data-dir", Path.Combine(_folder, _data),
            "--listen-client-urls", Url, "--advertise-client-urls", Url,
            "--listen-peer-urls", $"http://127.0.0.1:{_peer}", "--initial-advertise-peer-urls", $"http://127.0.0.1:{_peer}",
            "--initial-cluster", $"test=http://127.0.0.1:{_peer}",
        ], _folder);
        await _process.WaitForAsync("ready to serve client requests", Bound);
    }

    /// <summary>Kills etcd at once (SIGKILL), as an outage.</summary>
    public void Kill() => _process?.Kill();

    /// <summary>Stops (SIGSTOP) or continues (SIGCONT) etcd: it keeps its sockets but answers nothing, as a hung
    /// or partitioned server does, unlike a killed one whose refused connections fail calls at once.</summary>
    public void Freeze(bool frozen)
    {
        using var signal = System.Diagnostics.Process.Start("kill", [frozen ? "-STOP" : "-CONT", _process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        signal.WaitForExit();
    }

    public void Dispose()
    {
        if (_process is { HasExited: false }) Freeze(false);
        _process?.Dispose();
    }
}
