using System.Diagnostics;

namespace ClusterSim.Experiments.Output;

/// <summary>
/// The git commit of the clone the running program was built in, and whether its tree was dirty: any change
/// <c>git status --porcelain</c> reports, tracked or untracked-and-not-ignored (a new source file is built in
/// too). Null when the program does not run from a clone or git is not there to ask.
/// </summary>
public sealed record SourceRevision(string Commit, bool Dirty)
{
    /// <summary>The revision of the ClusterSim clone holding <paramref name="directory"/> (default: the
    /// program's own folder, which for a build is inside the clone it was built from).</summary>
    public static SourceRevision? Find(string? directory = null)
    {
        var root = CloneRoot(directory ?? AppContext.BaseDirectory);
        if (root == null) return null;
        var commit = Git(root, "rev-parse", "HEAD");
        // No optional locks: status would otherwise refresh the index and could hold index.lock while the
        // user runs git in the same clone.
        var status = Git(root, "--no-optional-locks", "status", "--porcelain");
        if (commit == null || status == null) return null;
        return new SourceRevision(commit.Trim(), status.Trim().Length > 0);
    }

    private static string? CloneRoot(string start)
    {
        // The first folder up that holds the solution: this project's clone, not some other repository the
        // program happens to be installed in. A worktree or submodule has a .git file instead of a folder.
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ClusterSim.sln")))
                return Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git")) ? dir.FullName : null;
        return null;
    }

    private static string? Git(string root, params string[] args)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(root);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        try
        {
            using var git = Process.Start(start);
            if (git == null) return null;
            var stderr = git.StandardError.ReadToEndAsync();
            var output = git.StandardOutput.ReadToEnd();
            if (!git.WaitForExit(30_000))
            {
                git.Kill();
                return null;
            }
            stderr.Wait();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on this machine
        }
    }
}
