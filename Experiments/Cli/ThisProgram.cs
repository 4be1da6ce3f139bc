namespace ClusterSim.Experiments.Cli;

/// <summary>
/// The command line that starts this same program again (a benchmark's child process, a Slurm job's step):
/// the running executable, and under <c>dotnet clustersim.dll</c> the host followed by the program's path.
/// </summary>
public static class ThisProgram
{
    public static IReadOnlyList<string> Command()
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which program is running");
        return Path.GetFileNameWithoutExtension(host) == "dotnet" ? [host, typeof(ThisProgram).Assembly.Location] : [host];
    }
}
