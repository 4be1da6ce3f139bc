using System.CommandLine;
using ClusterSim.Experiments.Cli;

var root = new RootCommand("ClusterSim: a deterministic simulator of a Mesos-style cluster, and its live mode")
{
    ScenarioCommand.Create(),
    RunCommand.Create(),
    TraceCommand.Create(),
    AgentCommand.Create(),
    MasterCommand.Create(),
    CompareCommand.Create(),
    BenchCommand.Create(),
};
// Exit codes: 0 success, 1 a failed run, 2 a usage or configuration error (System.CommandLine says 1 for both).
var parsed = root.Parse(args);
var code = parsed.Invoke();
return parsed.Errors.Count > 0 ? 2 : code;
