using System.Diagnostics;

namespace ClusterSim.Experiments.Sweeps;

/// <summary>
/// Slurm's command-line clients as this program uses them: sbatch to submit, <c>scontrol show job</c> to follow
/// a job (sacct would need slurmdbd and a database, which a small cluster often lacks; scontrol keeps a finished
/// job for MinJobAge, 300 s by default, and this polls every few seconds).
/// </summary>
public static class SlurmClient
{
    /// <summary>Whether sbatch is on the PATH.</summary>
    public static bool Available() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, "sbatch")));

    /// <summary>Submits a job; its id. A <see cref="SweepException"/> with sbatch's own words when it refuses.</summary>
    public static string Submit(IReadOnlyList<string> arguments)
    {
        var (code, output, errors) = Run("sbatch", arguments);
        // --parsable prints "id" or "id;cluster".
        var id = output.Trim().Split(';')[0];
        if (code != 0 || id.Length == 0 || !id.All(char.IsAsciiDigit))
            throw new SweepException($"sbatch {string.Join(' ', arguments.Select(SlurmSweep.Quote))} failed (exit {code}): {OneLine(errors + output)}", exitCode: 1);
        return id;
    }

    /// <summary>The job's (or each array task's) state; empty when Slurm no longer knows the job.</summary>
    public static IReadOnlyList<SlurmJobState> Show(string job)
    {
        var (code, output, errors) = Run("scontrol", ["show", "job", "-o", job]);
        if (code != 0)
        {
            if (errors.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase)) return [];
            throw new SweepException($"scontrol show job {job} failed (exit {code}): {OneLine(errors)}", exitCode: 1);
        }
        return SlurmJobState.Parse(output);
    }

    private static string OneLine(string text) => string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static (int Code, string Output, string Errors) Run(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            using var process = Process.Start(start) ?? throw new SweepException($"{program} did not start", exitCode: 1);
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, errors.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SweepException($"{program}: {e.Message} (is Slurm's client installed and on the PATH?)", exitCode: 1);
        }
    }
}
