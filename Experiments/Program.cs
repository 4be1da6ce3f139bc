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
return root.Parse(args).Invoke();
