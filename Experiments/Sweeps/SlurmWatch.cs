namespace ClusterSim.Experiments.Sweeps;

/// <summary>
/// Follows a submitted sweep until its merge job has ended (<c>clustersim slurm --wait</c>), polling
/// <c>scontrol show job</c>: prints each array task as it ends, and at the end every task that failed with the
/// runs it held and its log. The exit code is the merge's: 0 when it succeeded, its script's status when it
/// failed, 1 when it never ran (a task failed, so its dependency could not be met) or Slurm lost it.
/// </summary>
public sealed class SlurmWatch
{
    private readonly SlurmSweep _sweep;
    private readonly IReadOnlyList<string> _runNames;
    private readonly Func<string, IReadOnlyList<SlurmJobState>> _show;
    private readonly TextWriter _out;
    private readonly TimeSpan _poll;
    private readonly Dictionary<int, SlurmJobState> _ended = [];

    /// <param name="runNames">Each run of the plan, in plan order ("drf seed 42").</param>
    /// <param name="show">Reads a job's state (<see cref="SlurmClient.Show"/>).</param>
    public SlurmWatch(SlurmSweep sweep, IReadOnlyList<string> runNames, Func<string, IReadOnlyList<SlurmJobState>> show, TextWriter output, TimeSpan poll)
    {
        _sweep = sweep;
        _runNames = runNames;
        _show = show;
        _out = output;
        _poll = poll;
    }

    /// <summary>The runs array task <paramref name="task"/> holds, for messages.</summary>
    public string RunsOf(int task) => string.Join(", ", _sweep.PlanIndices(task).Select(i => _runNames[i]));

    public int Wait(string arrayJob, string mergeJob)
    {
        SlurmJobState? merge;
        while (true)
        {
            Note(_show(arrayJob));
            var states = _show(mergeJob);
            merge = states.Count > 0 ? states[0] : null;
            if (merge == null || merge.HasEnded) break;
            Thread.Sleep(_poll);
        }
        // The array's last tasks may have ended between the two reads.
        Note(_show(arrayJob));
        var failed = _ended.Where(t => !t.Value.Succeeded).OrderBy(t => t.Key).ToArray();
        foreach (var (task, state) in failed)
            _out.WriteLine($"failed: task {task} ({RunsOf(task)}): {state.State}, exit {state.ExitCode}{Why(state)}; log: {_sweep.TaskLog(task)}");
        if (merge == null)
        {
            _out.WriteLine($"merge job {mergeJob}: Slurm no longer knows it (it keeps an ended job for MinJobAge); see {_sweep.MergeLog}");
            return 1;
        }
        if (merge.Succeeded)
        {
            _out.WriteLine($"merge job {mergeJob}: COMPLETED; wrote {Path.Combine(_sweep.Output, "report.html")}");
            return 0;
        }
        _out.WriteLine($"merge job {mergeJob}: {merge.State}, exit {merge.ExitCode}{Why(merge)}"
            + (merge.State == "CANCELLED" && failed.Length > 0 ? " (it waits for every array task to succeed)" : $"; log: {_sweep.MergeLog}"));
        return merge.ExitStatus != 0 ? merge.ExitStatus : 1;
    }

    private void Note(IReadOnlyList<SlurmJobState> tasks)
    {
        foreach (var state in tasks)
        {
            if (state.ArrayTask is not { } task || !state.HasEnded || _ended.ContainsKey(task)) continue;
            _ended[task] = state;
            _out.WriteLine($"task {task}/{_sweep.Tasks} ({RunsOf(task)}): {state.State}{(state.Succeeded ? "" : ", exit " + state.ExitCode)}");
        }
    }

    private static string Why(SlurmJobState state) => state.Reason is "" or "None" ? "" : $" ({state.Reason})";
}
