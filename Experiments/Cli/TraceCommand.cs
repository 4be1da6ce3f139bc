using System.CommandLine;
using ClusterSim.Workloads.Traces;
using Spectre.Console;

namespace ClusterSim.Experiments.Cli;

/// <summary>
/// <c>clustersim trace stats FORMAT PATH [--usage TABLE]</c>: what a trace holds (jobs and tasks submitted by the format's own
/// definition, machines) beside what a replay keeps (jobs, tasks, machines, time span, resource totals,
/// offered load where the format allows), what the reader skipped and why, how sizes were scaled, and with
/// --usage (google-2011 task_usage, alibaba-2018 batch_instance) how many tasks the usage table covers, so a
/// user can check a trace before replaying it. Exit code 2 for a wrong format name or path, 1 for a trace
/// that does not read.
/// </summary>
public static class TraceCommand
{
    public static Command Create()
    {
        var format = new Argument<string>("format") { Description = "Trace format: " + string.Join(", ", TraceFormats.ValidNames) };
        var path = new Argument<string>("path") { Description = "A trace file, or a folder laid out as the published trace" };
        var usage = new Option<string?>("--usage")
        {
            Description = "The trace's usage table (google-2011 task_usage, alibaba-2018 batch_instance): a file, or a folder holding it",
        };
        var stats = new Command("stats", "Print what a trace holds and what a replay keeps of it") { format, path, usage };
        stats.SetAction(result => Stats(result.GetValue(format)!, result.GetValue(path)!, Console.Out, usage: result.GetValue(usage)));
        return new Command("trace", "Inspect workload traces") { stats };
    }

    public static int Stats(string formatName, string path, TextWriter output, TextWriter? error = null, string? usage = null)
    {
        error ??= Console.Error;
        if (!TraceFormats.TryParse(formatName, out var format))
        {
            error.WriteLine("error: " + TraceFormats.Unknown(formatName));
            return 2;
        }
        foreach (var given in new[] { path, usage })
        {
            if (given is null || File.Exists(given) || Directory.Exists(given)) continue;
            error.WriteLine($"error: {given}: no such file or folder");
            return 2;
        }
        if (usage != null && !TraceReaders.HasUsage(format))
        {
            error.WriteLine($"error: --usage: {TraceFormats.Name(format)} traces have no usage table (google-2011 and alibaba-2018 do)");
            return 2;
        }
        TraceStatistics stats;
        try
        {
            stats = TraceStatistics.Compute(format, path, usage: usage is null ? null : new TraceUsageOptions(usage));
        }
        catch (TracePathException e)
        {
            error.WriteLine("error: " + e.Message);
            return 2;
        }
        catch (Exception e) when (e is TraceFormatException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine("error: " + e.Message);
            return 1;
        }
        if (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected)
        {
            var table = new Table().AddColumn("").AddColumn(new TableColumn("trace").RightAligned())
                .AddColumn(new TableColumn("replay").RightAligned());
            table.Title = new TableTitle($"{TraceFormats.Name(format)}: {Markup.Escape(path)}");
            if (stats.Report.Scaling is { } scaling) table.Caption = new TableTitle("sizes: " + Markup.Escape(scaling));
            foreach (var row in stats.Rows())
                table.AddRow(Markup.Escape(row.Label), Markup.Escape(row.Trace), Markup.Escape(row.Replay));
            AnsiConsole.Write(table);
        }
        else output.Write(stats.Render());
        return 0;
    }
}
