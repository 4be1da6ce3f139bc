using System.CommandLine;
using ClusterSim.Workloads.Traces;
using Spectre.Console;

namespace ClusterSim.Experiments.Cli;

/// <summary>
/// <c>clustersim trace stats FORMAT PATH</c>: what a trace holds (jobs, tasks, machines, time span, resource
/// totals, offered load where the format allows), and what its reader skipped and why, so a user can check
/// a trace before replaying it.
/// </summary>
public static class TraceCommand
{
    public static Command Create()
    {
        var format = new Argument<string>("format") { Description = "Trace format: " + string.Join(", ", TraceFormats.ValidNames) };
        var path = new Argument<string>("path") { Description = "A trace file, or a folder laid out as the published trace" };
        var stats = new Command("stats", "Print what a trace holds before replaying it") { format, path };
        stats.SetAction(result => Stats(result.GetValue(format)!, result.GetValue(path)!, Console.Out));
        return new Command("trace", "Inspect workload traces") { stats };
    }

    public static int Stats(string formatName, string path, TextWriter output)
    {
        if (!TraceFormats.TryParse(formatName, out var format))
        {
            Console.Error.WriteLine($"error: unknown trace format '{formatName}', expected one of: {string.Join(", ", TraceFormats.ValidNames)}");
            return 2;
        }
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            Console.Error.WriteLine($"error: {path}: no such file or folder");
            return 2;
        }
        TraceStatistics stats;
        try
        {
            stats = TraceStatistics.Compute(format, path);
        }
        catch (TraceFormatException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return 1;
        }
        if (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected)
        {
            var table = new Table().AddColumn("").AddColumn(new TableColumn("value").RightAligned());
            table.Title = new TableTitle($"{TraceFormats.Name(format)}: {Markup.Escape(path)}");
            foreach (var row in stats.Rows()) table.AddRow(Markup.Escape(row.Label), Markup.Escape(row.Value));
            AnsiConsole.Write(table);
        }
        else
        {
            output.WriteLine($"{TraceFormats.Name(format)}: {path}");
            output.Write(stats.Render());
        }
        return 0;
    }
}
