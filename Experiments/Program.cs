using System.CommandLine;
using ClusterSim.Experiments.Cli;

TierUpRelaunch.BindToParent();

var root = new RootCommand("ClusterSim: a deterministic simulator of a Mesos-style cluster, and its live mode")
{
    ScenarioCommand.Create(),
    RunCommand.Create(),
    MergeCommand.Create(),
    SlurmCommand.Create(),
    TraceCommand.Create(),
    AgentCommand.Create(),
    MasterCommand.Create(),
    CompareCommand.Create(),
    BenchCommand.Create(),
};
var parsed = root.Parse(args);
// Usage errors are one line each and exit 2; a failure no command caught is one line and exit 1, never a stack trace.
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors) Console.Error.WriteLine("error: " + error.Message);
    Console.Error.WriteLine("see 'clustersim --help' or 'clustersim COMMAND --help'");
    return 2;
}
try
{
    if (TierUpRelaunch.Applies(parsed, Environment.GetEnvironmentVariable)) return TierUpRelaunch.Run(args);
    return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    Console.Error.WriteLine("error: " + (e is AggregateException { InnerException: { } inner } ? inner.Message : e.Message));
    return 1;
}
