using System.Diagnostics;

namespace ClusterSim.RealAgent.Tests.Live;

/// <summary>
/// Stand-ins for separate hosts: a bridge the test creates in the root namespace with the address
/// 10.213.N.1/24 (a private test range that exists only inside this machine's namespaces), and per host a
/// network namespace joined to the bridge by a veth pair, with the address 10.213.N.(10 + i). Masters listen
/// on the bridge's address; agents run inside their namespace (<c>ip netns exec</c>) and reach nothing but the
/// bridge. <see cref="Partition"/> takes a host's link down, <see cref="Heal"/> brings it up. Everything is
/// removed on dispose, and whatever a failed setup made is removed before the failure is reported. Needs root
/// and iproute2: otherwise the test is ignored, except under CI=true, where it fails.
/// </summary>
public sealed class NetworkHosts : IDisposable
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..4];
    private readonly int _subnet = Random.Shared.Next(1, 250);
    private readonly List<string> _namespaces = [];
    private bool _bridge;

    private NetworkHosts()
    {
    }

    private string Bridge => $"csb{_id}";
    private string HostSide(int i) => $"cs{_id}h{i}";
    private string InnerSide(int i) => $"cs{_id}a{i}";

    /// <summary>The namespace of host <paramref name="i"/>.</summary>
    public string Namespace(int i) => $"cs{_id}n{i}";

    /// <summary>The bridge's address: where processes of the root namespace (masters) listen.</summary>
    public string BridgeAddress => $"10.213.{_subnet}.1";

    public string Address(int i) => $"10.213.{_subnet}.{10 + i}";

    public int Count => _namespaces.Count;

    public static NetworkHosts Create(int count)
    {
        var ip = new[] { "/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip" }.FirstOrDefault(File.Exists);
        string? missing = ip == null ? "iproute2's ip is not installed" : Environment.UserName != "root" ? "network namespaces need root" : null;
        if (missing != null)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                Assert.Fail(missing + "; CI=true, so the network namespace tests must run.");
            Assert.Ignore(missing);
        }
        var hosts = new NetworkHosts();
        try
        {
            Run("link", "add", "name", hosts.Bridge, "type", "bridge");
            hosts._bridge = true;
            Run("addr", "add", $"{hosts.BridgeAddress}/24", "dev", hosts.Bridge);
            Run("link", "set", hosts.Bridge, "up");
            for (int i = 0; i < count; i++)
            {
                var ns = hosts.Namespace(i);
                Run("netns", "add", ns);
                hosts._namespaces.Add(ns);
                Run("link", "add", hosts.HostSide(i), "type", "veth", "peer", "name", hosts.InnerSide(i));
                Run("link", "set", hosts.InnerSide(i), "netns", ns);
                Run("link", "set", hosts.HostSide(i), "master", hosts.Bridge);
                Run("link", "set", hosts.HostSide(i), "up");
                Run("netns", "exec", ns, "ip", "addr", "add", $"{hosts.Address(i)}/24", "dev", hosts.InnerSide(i));
                Run("netns", "exec", ns, "ip", "link", "set", hosts.InnerSide(i), "up");
                Run("netns", "exec", ns, "ip", "link", "set", "lo", "up");
            }
        }
        catch
        {
            hosts.Dispose();
            throw;
        }
        return hosts;
    }

    /// <summary>Cuts host <paramref name="i"/> off the network (its link goes down); it keeps running.</summary>
    public void Partition(int i) => Run("link", "set", HostSide(i), "down");

    public void Heal(int i) => Run("link", "set", HostSide(i), "up");

    /// <summary>A command line that runs <paramref name="program"/> inside host <paramref name="i"/>'s namespace.</summary>
    public (string Program, string[] Arguments) Inside(int i, string program, IEnumerable<string> arguments) =>
        ("ip", ["netns", "exec", Namespace(i), program, .. arguments]);

    private static void Run(params string[] arguments)
    {
        var (code, output) = Ip(arguments);
        if (code != 0) throw new InvalidOperationException($"ip {string.Join(' ', arguments)} failed ({code}): {output}");
    }

    private static (int Code, string Output) Ip(params string[] arguments)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Trim());
    }

    /// <summary>Deleting a namespace deletes its end of the veth pair and so the pair; then the bridge.</summary>
    public void Dispose()
    {
        foreach (var ns in _namespaces) Ip("netns", "del", ns);
        _namespaces.Clear();
        if (_bridge) Ip("link", "del", Bridge);
        _bridge = false;
    }
}
