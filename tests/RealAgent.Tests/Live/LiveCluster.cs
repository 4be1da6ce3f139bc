using System.Net;
using System.Net.Sockets;

namespace ClusterSim.RealAgent.Tests.Live;

/// <summary>
/// A master and agents as separate clustersim processes on 127.0.0.1, in a temporary folder with a token
/// file. Agent names start with a prefix unique to the cluster, so its containers can be told from any
/// other agent's on this host. Disposing kills every process it started and deletes the folder.
/// </summary>
public sealed class LiveCluster : IDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly List<ClusterProcess> _processes = [];

    public LiveCluster()
    {
        Prefix = "t" + Guid.NewGuid().ToString("N")[..8];
        Folder = Path.Combine(Path.GetTempPath(), "clustersim-" + Prefix);
        Directory.CreateDirectory(Folder);
        TokenFile = Path.Combine(Folder, "token");
        Token = Guid.NewGuid().ToString("N");
        File.WriteAllText(TokenFile, Token + "\n");
    }

    public string Prefix { get; }
    public string Folder { get; }
    public string TokenFile { get; }
    public string Token { get; }

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "ClusterSim.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException($"no ClusterSim.sln above {TestContext.CurrentContext.TestDirectory}");
        }
    }

    /// <summary>The clustersim binary built with this test project (same configuration).</summary>
    public static string Binary
    {
        get
        {
            var configuration = new DirectoryInfo(TestContext.CurrentContext.TestDirectory).Parent!.Name;
            var path = Path.Combine(RepositoryRoot, "Experiments", "bin", configuration, "net10.0", "clustersim.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing; build the Experiments project ({configuration})");
        }
    }

    public string AgentName(int i) => $"{Prefix}-a{i}";

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public ClusterProcess Start(string label, params string[] arguments)
    {
        var process = ClusterProcess.Start(label, Binary, arguments, Folder);
        lock (_processes) _processes.Add(process);
        return process;
    }

    /// <summary>Starts any program (e.g. <c>ip netns exec NS dotnet clustersim.dll ...</c>) as a process of the
    /// cluster, killed when it is disposed.</summary>
    public ClusterProcess StartProgram(string label, string program, IEnumerable<string> arguments)
    {
        var process = ClusterProcess.StartProgram(label, program, arguments, Folder);
        lock (_processes) _processes.Add(process);
        return process;
    }

    /// <summary>Starts agent <paramref name="i"/> inside host <paramref name="i"/> of <paramref name="hosts"/>,
    /// listening on that host's address.</summary>
    public ClusterProcess StartAgentIn(NetworkHosts hosts, int i, string masterUrl, string resources = "cpus:1;mem:512")
    {
        var (program, arguments) = hosts.Inside(i, "dotnet", [Binary, "agent", "--master", masterUrl, "--listen", $"http://{hosts.Address(i)}:0",
            "--name", AgentName(i), "--resources", resources, "--token-file", TokenFile]);
        return StartProgram($"agent {AgentName(i)}", program, arguments);
    }

    /// <summary>Starts <c>run FILE --live</c> and waits for its master to listen; returns it and the master's URL.</summary>
    public async Task<(ClusterProcess Run, string MasterUrl)> StartLiveRunAsync(string experiment, string output)
    {
        var run = Start("run --live", "run", experiment, "--live", "--token-file", TokenFile, "--listen", "http://127.0.0.1:0", "--out", output);
        var match = await run.WaitForAsync(@"master listening on (http://127\.0\.0\.1:\d+)", StartTimeout);
        return (run, match.Groups[1].Value);
    }

    /// <param name="credentials">The agent's --principal/--secret-file arguments; none: --token-file.</param>
    public ClusterProcess StartAgent(int i, string masterUrl, string resources = "cpus:2;mem:2048", int port = 0,
        string[]? credentials = null) =>
        Start($"agent {AgentName(i)}", ["agent", "--master", masterUrl, "--listen", $"http://127.0.0.1:{port}", "--name", AgentName(i),
            "--resources", resources, .. credentials ?? ["--token-file", TokenFile]]);

    /// <summary>Writes <paramref name="secret"/> to a file of the cluster's folder and returns its path.</summary>
    public string WriteSecret(string name, string secret)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, secret + "\n");
        return path;
    }

    /// <summary>
    /// Writes a small experiment: seed 7, a 30 m horizon, DRF, <paramref name="agents"/> simulated agents of
    /// cpus:2;mem:2048, then the given frameworks: and live: sections (YAML indented by two spaces).
    /// </summary>
    public string WriteExperiment(string name, int agents, string frameworks, string live) => WriteExperiment(name, $$"""
        name: {{name}}
        seed: 7
        horizon: 30m
        sample: 10s
        allocation: { policy: drf, interval: 1s }
        cluster:
          agents:
            - { count: {{agents}}, resources: "cpus:2;mem:2048" }
        frameworks:
        {{frameworks}}
        live:
        {{live}}
        """);

    /// <summary>Writes an experiment file into the cluster's folder.</summary>
    public string WriteExperiment(string name, string yaml)
    {
        var path = Path.Combine(Folder, name + ".yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    public void Dispose()
    {
        lock (_processes)
        {
            foreach (var p in _processes) p.Dispose();
            _processes.Clear();
        }
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
