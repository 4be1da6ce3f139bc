using System.CommandLine;
using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Scenarios;

namespace ClusterSim.Experiments.Cli;

/// <summary>
/// <c>clustersim scenario FILE.yaml [FILE2.yaml ...]</c>: runs each scenario, prints every failed expectation
/// with its step and what was seen, a PASS or FAIL line per file, and a closing "N passed, N failed" line;
/// exits 2 if a file is not a valid scenario (nothing of it ran), else 1 if any failed.
/// </summary>
public static class ScenarioCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files")
        {
            Description = "Scenario files (YAML) to run",
            Arity = ArgumentArity.OneOrMore,
        };
        var log = new Option<bool>("--log") { Description = "Also print every offer, decline and task change, in event order" };
        var command = new Command("scenario", "Run scripted allocator scenarios and check their expectations") { files, log };
        command.SetAction(result => Run(result.GetValue(files)!, result.GetValue(log), Console.Out));
        return command;
    }

    public static int Run(IReadOnlyList<FileInfo> files, bool log, TextWriter output)
    {
        int passed = 0, failed = 0, invalid = 0;
        foreach (var file in files)
        {
            var result = RunOne(file.ToString(), output);
            if (result == null)
            {
                failed++;
                invalid++;
                continue;
            }
            if (log)
                foreach (var line in result.Log) output.WriteLine("  " + line);
            foreach (var failure in result.Failures) output.WriteLine($"  {result.File} {failure}");
            output.WriteLine((result.Passed ? "PASS " : "FAIL ") + result.Name);
            if (result.Passed) passed++;
            else failed++;
        }
        output.WriteLine($"{passed} passed, {failed} failed");
        return invalid > 0 ? 2 : failed == 0 ? 0 : 1;
    }

    private static ScenarioResult? RunOne(string path, TextWriter output)
    {
        Scenario scenario;
        try
        {
            if (!File.Exists(path)) throw new ConfigException(path, 0, 0, "", "no such file");
            scenario = ScenarioParser.ParseFile(path);
        }
        catch (ConfigException e)
        {
            output.WriteLine("  " + e.Message);
            output.WriteLine("FAIL " + path);
            return null;
        }
        return new ScenarioRun(scenario).Execute();
    }
}
