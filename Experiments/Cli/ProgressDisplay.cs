using System.Diagnostics;
using ClusterSim.Experiments.Running;
using Spectre.Console;

namespace ClusterSim.Experiments.Cli;

/// <summary>
/// Shows, on a terminal, how far each run has got (simulated time reached, tasks done, events per second)
/// once the runs have taken longer than a couple of seconds; quiet when output is not a terminal.
/// </summary>
public static class ProgressDisplay
{
    private static readonly TimeSpan QuietFor = TimeSpan.FromSeconds(2);

    /// <summary>Whether progress bars are shown (a terminal, not redirected output).</summary>
    public static bool IsInteractive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public static T Run<T>(IReadOnlyList<RunProgress> runs, Func<T> work)
    {
        var job = Task.Run(work);
        if (!IsInteractive || job.Wait(QuietFor)) return job.GetAwaiter().GetResult();

        var clock = Stopwatch.StartNew();
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var bars = runs.Select(r => ctx.AddTask(Markup.Escape(r.Label), maxValue: Math.Max(1, r.HorizonSeconds))).ToArray();
                while (true)
                {
                    bool finished = job.Wait(250);
                    double seconds = Math.Max(0.001, clock.Elapsed.TotalSeconds);
                    for (int i = 0; i < runs.Count; i++)
                    {
                        var r = runs[i];
                        bars[i].Value = r.Done ? bars[i].MaxValue : Math.Min(r.SimulatedSeconds, bars[i].MaxValue);
                        bars[i].Description = Markup.Escape(
                            $"{r.Label}: t={r.SimulatedSeconds / 3600:0.00} h, {r.TasksDone:N0} tasks done, {r.Events / seconds:N0} events/s");
                    }
                    if (finished) break;
                }
            });
        return job.GetAwaiter().GetResult();
    }
}
