using System.CommandLine;
using ClusterSim.Workloads.Traces;
using Spectre.Console;

namespace ClusterSim.Experiments.Cli;

/// <summary>
/// <c>clustersim trace stats FORMAT PATH</c>: what a trace holds (jobs and tasks submitted by the format's own
/// definition, machines) beside what a replay keeps (jobs, tasks, machines, time span, resource totals,
/// offered load where the format allows), what the reader skipped and why, and how sizes were scaled, so a
/// user can check a trace before replaying it. Exit code 2 for a wrong format name or path, 1 for a trace
/// that does not read.
/// </summary>
public static class TraceCommand
{
    public static Command Create()
    {
        var format = new Argument<string>("format") { Description = "Trace format: " + string.Join(", ", TraceFormats.ValidNames) };
        var path = new Argument<string>("path") { Description = "A trace file, or a folder laid out as the published trace" };
        var stats = new Command("stats", "Print what a trace holds and what a replay keeps of it") { format, path };
        stats.SetAction(result => Stats(result.GetValue(format)!, result.GetValue(path)!, Console.Out));
        return new Command("trace", "Inspect workload traces") { stats };
    }

    public static int Stats(string formatName, string path, TextWriter output, TextWriter? error = null)
    {
        error ??= Console.Error;
        if (!TraceFormats.TryParse(formatName, out var format))
        {
            error.WriteLine("error: " + TraceFormats.Unknown(formatName));
            return 2;
        }
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            error.WriteLine($"error: {path}: no such file or folder");
            return 2;
        }
        TraceStatistics stats;
        try
        {
            stats = TraceStatistics.Compute(format, path);
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
