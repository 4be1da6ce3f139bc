using System.Diagnostics;

namespace ClusterSim.Experiments.Tests.Running;

/// <summary>
/// The README's main job, <c>clustersim run experiments/quickstart.yaml</c>, and <c>clustersim bench</c> change
/// no tracked file and leave no file git would pick up: they are run, as a user runs them, from the root of a
/// fresh repository holding a copy of this work tree (its tracked files and the untracked ones git would add,
/// so uncommitted changes to .gitignore count), and <c>git status --porcelain</c> must stay empty.
/// </summary>
[NonParallelizable]
public class MainJobTests
{
    private TempFolder? _copy;

    private string Copy => _copy!.Path;

    [OneTimeSetUp]
    public void CopyTheWorkTree()
    {
        if (Git(RepositoryRoot.Path, "--version") == null)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail("git is needed for this test and is not installed");
            Assert.Ignore("git is not installed");
        }
        _copy = new TempFolder();
        var listed = Git(RepositoryRoot.Path, "ls-files", "-z", "--cached", "--others", "--exclude-standard")!;
        foreach (var file in listed.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var from = RepositoryRoot.Combine(file);
            if (!File.Exists(from)) continue; // deleted in the work tree, not yet in the index
            var to = _copy.Combine(file);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to);
        }
        GitOrFail("init", "-q");
        GitOrFail("add", "-A");
        GitOrFail("-c", "user.name=clustersim-test", "-c", "user.email=test@localhost", "-c", "commit.gpgsign=false",
            "commit", "-q", "--no-verify", "-m", "the work tree");
        Assert.That(Status(), Is.Empty, "the copy starts clean");
    }

    [OneTimeTearDown]
    public void RemoveTheCopy() => _copy?.Dispose();

    [Test]
    public void TheMainJob_WritesItsResults_AndChangesNoTrackedFile()
    {
        Clustersim("run", "experiments/quickstart.yaml");
        Assert.That(File.Exists(Path.Combine(Copy, "results", "quickstart", "report.html")), "the job wrote its report to its default folder");
        Assert.That(File.Exists(Path.Combine(Copy, "results", "quickstart", "differences.csv")));
        Assert.That(Status(), Is.Empty);
    }

    [Test]
    public void Bench_WritesItsResults_AndChangesNoTrackedFile()
    {
        Clustersim("bench", "experiments/scale-1k.yaml", "--horizon", "10m");
        Assert.That(File.Exists(Path.Combine(Copy, "results", "bench", "bench.csv")), "bench wrote to its default folder");
        Assert.That(Status(), Is.Empty);
    }

    [Test]
    public void BuildOutputs_AreIgnored()
    {
        // `dotnet run --project Experiments` builds before it runs.
        foreach (var path in new[] { "Experiments/bin/Release/net10.0/clustersim.dll", "Experiments/obj/project.assets.json" })
            Assert.That(Git(Copy, "check-ignore", "-q", path), Is.Not.Null, path);
    }

    private string Status() => GitOrFail("status", "--porcelain", "--untracked-files=all");

    private string GitOrFail(params string[] args) =>
        Git(Copy, args) ?? throw new AssertionException($"git {string.Join(' ', args)} failed in {Copy}");

    private static string? Git(string directory, params string[] args)
    {
        try
        {
            var (code, output, _) = RunProcess("git", directory, ["-C", directory, .. args]);
            return code == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>The program as the README runs it, with the copy as the working folder.</summary>
    private void Clustersim(params string[] args)
    {
        var program = Path.Combine(TestContext.CurrentContext.TestDirectory, "clustersim.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var (code, output, errors) = RunProcess(dotnet, Copy, [program, .. args]);
        Assert.That(code, Is.EqualTo(0), $"clustersim {string.Join(' ', args)}:\n{output}\n{errors}");
    }

    private static (int Code, string Output, string Errors) RunProcess(string program, string directory, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(program, args)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, errors.Result);
    }
}
