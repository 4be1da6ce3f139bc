using System.Globalization;

namespace ClusterSim.Experiments.Sweeps;

/// <summary>
/// One job, or one task of a job array, as <c>scontrol show job -o</c> prints it (one line of Key=Value words):
/// its state (PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, ...), its exit code "status:signal" and
/// the reason it waits or ended. The array's tasks that have not started share one line whose ArrayTaskId is a
/// range ("3-9%2"); <see cref="ArrayTask"/> is null for those and for a job that is no array.
/// </summary>
public sealed record SlurmJobState(int? ArrayTask, string State, string ExitCode, string Reason)
{
    /// <summary>States a job does not leave (Slurm's job_state_string for the base states that end a job).</summary>
    private static readonly HashSet<string> Ended = new(StringComparer.Ordinal)
    {
        "COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "PREEMPTED", "BOOT_FAIL", "DEADLINE", "OUT_OF_MEMORY",
    };

    public bool HasEnded => Ended.Contains(State);

    public bool Succeeded => State == "COMPLETED" && ExitCode == "0:0";

    /// <summary>The exit status of the job's script (the part before the colon); 0 when it has none.</summary>
    public int ExitStatus => int.TryParse(ExitCode.Split(':')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int status) ? status : 0;

    /// <summary>Every job or task line in <c>scontrol show job -o</c>'s output.</summary>
    public static IReadOnlyList<SlurmJobState> Parse(string output)
    {
        var states = new List<SlurmJobState>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = word.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0) fields.TryAdd(word[..eq], word[(eq + 1)..]);
            }
            if (!fields.TryGetValue("JobState", out var state)) continue;
            int? task = fields.TryGetValue("ArrayTaskId", out var id) && int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out int k) ? k : null;
            states.Add(new SlurmJobState(task, state, fields.GetValueOrDefault("ExitCode", ""), fields.GetValueOrDefault("Reason", "")));
        }
        return states;
    }
}
