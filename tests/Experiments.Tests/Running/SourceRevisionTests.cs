using System.Diagnostics;
using ClusterSim.Experiments.Output;

namespace ClusterSim.Experiments.Tests.Running;

public class SourceRevisionTests
{
    [Test]
    public void A_Clone_GivesItsCommit_AndTurnsDirtyWhenAFileChanges()
    {
        using var temp = new TempFolder();
        temp.Write("ClusterSim.sln", "");
        Directory.CreateDirectory(temp.Combine("Experiments", "bin"));
        if (Git(temp.Path, "init", "-q") == null)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail("git is needed for this test and is not installed");
            Assert.Ignore("git is not installed");
        }
        Git(temp.Path, "add", "-A");
        Git(temp.Path, "-c", "user.name=t", "-c", "user.email=t@localhost", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "one");
        var head = Git(temp.Path, "rev-parse", "HEAD")!.Trim();

        Assert.That(SourceRevision.Find(temp.Combine("Experiments", "bin")), Is.EqualTo(new SourceRevision(head, false)),
            "found from a folder inside the clone, as a build's output folder is");
        temp.Write("ClusterSim.sln", "changed");
        Assert.That(SourceRevision.Find(temp.Path), Is.EqualTo(new SourceRevision(head, true)));
    }

    [Test]
    public void Outside_A_Clone_ThereIsNone()
    {
        using var temp = new TempFolder();
        temp.Write("ClusterSim.sln", "");
        Assert.That(SourceRevision.Find(temp.Path), Is.Null);
    }

    private static string? Git(string directory, params string[] args)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["-C", directory, .. args])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var errors = git.StandardError.ReadToEndAsync();
            var output = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            errors.Wait();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
