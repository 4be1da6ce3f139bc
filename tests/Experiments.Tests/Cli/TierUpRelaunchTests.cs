using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using ClusterSim.Experiments.Cli;

namespace ClusterSim.Experiments.Tests.Cli;

public class TierUpRelaunchTests
{
    private static readonly Dictionary<string, string?> NoSetting = [];

    private static bool Applies(string commandLine, Dictionary<string, string?>? environment = null)
    {
        var root = new RootCommand { RunCommand.Create(), BenchCommand.Create(), MasterCommand.Create(), MergeCommand.Create() };
        var env = environment ?? NoSetting;
        return TierUpRelaunch.Applies(root.Parse(commandLine), name => env.GetValueOrDefault(name));
    }

    [Test]
    public void SimulationsRunInAChild_LiveCommandsAndEverythingElseDoNot()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Applies("run experiments/quickstart.yaml --jobs 1"), Is.True);
            Assert.That(Applies("bench experiments/scale-1k.yaml"), Is.True);
            Assert.That(Applies("run experiments/quickstart.yaml --live --token-file t"), Is.False, "a live run stays one process");
            Assert.That(Applies("bench live --agents 10 --frameworks 2"), Is.False, "the live load test stays one process");
            Assert.That(Applies("master --listen http://127.0.0.1:0"), Is.False);
            Assert.That(Applies("merge a b --out c"), Is.False);
            Assert.That(Applies("run"), Is.False, "a usage error is reported by this process");
        });
    }

    [Test]
    public void ASettingTheUserGave_IsKept_AndThereIsNoSecondProcess()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Applies("run e.yaml", new() { [TierUpRelaunch.Setting] = "100" }), Is.False);
            Assert.That(Applies("run e.yaml", new() { ["DOTNET_TieredCompilation"] = "0" }), Is.False);
        });
    }

    [Test]
    public async Task TheChildRunsWithTheSetting_AndATermSignalToTheParent_EndsBoth()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("the relaunch is for Linux");
        using var output = new TempFolder();
        string[] args = ["run", RepositoryRoot.Combine("experiments", "scale-10k.yaml"), "--jobs", "1", "--out", output.Path];
        using var parent = StartClustersim(args);
        var errors = parent.StandardError.ReadToEndAsync();
        var stdout = parent.StandardOutput.ReadToEndAsync();
        try
        {
            var child = await ChildOf(parent);
            var environ = File.ReadAllText($"/proc/{child}/environ").Split('\0');
            var cmdline = File.ReadAllText($"/proc/{child}/cmdline").TrimEnd('\0').Split('\0');
            Assert.That(environ, Does.Contain(TierUpRelaunch.Setting + "=0"));
            Assert.That(cmdline[^args.Length..], Is.EqualTo(args), "the child gets the same arguments");

            Assert.That(Signal(parent.Id, 15), Is.Zero);
            await parent.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.That(parent.ExitCode, Is.Not.Zero, "a run ended by a signal does not report success");
            Assert.That(HasEnded(child), Is.True, "the child ended with its parent");
            Assert.That(File.Exists(Path.Combine(output.Path, "run.json")), Is.False, "an interrupted run leaves no complete-looking result");
            await Task.WhenAll(errors, stdout);
        }
        finally
        {
            if (!parent.HasExited) parent.Kill(entireProcessTree: true);
        }
    }

    [Test]
    public async Task AParentKilledOutright_TakesItsChildWithIt()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("the relaunch is for Linux");
        using var output = new TempFolder();
        // The month takes minutes: the child can only have ended because its parent did.
        using var parent = StartClustersim(["run", RepositoryRoot.Combine("experiments", "scale-month.yaml"), "--jobs", "1", "--out", output.Path]);
        var errors = parent.StandardError.ReadToEndAsync();
        var stdout = parent.StandardOutput.ReadToEndAsync();
        int child = -1;
        try
        {
            child = await ChildOf(parent);
            parent.Kill();
            await parent.WaitForExitAsync();
            // The child's end closes the output pipes it shares with the parent.
            await Task.WhenAll(errors, stdout).WaitAsync(TimeSpan.FromSeconds(60));
            Assert.That(HasEnded(child), Is.True, "the child ended when its parent was killed");
        }
        finally
        {
            if (!parent.HasExited) parent.Kill(entireProcessTree: true);
            if (child > 0 && !HasEnded(child)) _ = Signal(child, 9);
        }
    }

    /// <summary>The program as a user starts it, without the setting, its output read by the caller.</summary>
    private static Process StartClustersim(string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "clustersim.dll"));
        foreach (var part in args) start.ArgumentList.Add(part);
        start.Environment.Remove(TierUpRelaunch.Setting);
        return Process.Start(start)!;
    }

    /// <summary>Waits for the process's first child to appear (it is started before the parent does anything else).</summary>
    private static async Task<int> ChildOf(Process parent)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (parent.HasExited) Assert.Fail($"the program ended (exit {parent.ExitCode}) before a child was seen");
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
                string stat;
                try { stat = File.ReadAllText(Path.Combine(dir, "stat")); }
                catch (IOException) { continue; }
                // Fields after the parenthesised command name: state, then the parent's id.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1]) == parent.Id) return pid;
            }
            await Task.Delay(20);
        }
        throw new AssertionException("no child process within 60 s");
    }

    /// <summary>Whether the process has ended: gone, or a zombie its new parent has not reaped yet.</summary>
    private static bool HasEnded(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2] == 'Z';
        }
        catch (IOException)
        {
            return true;
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Signal(int pid, int signal);
}
