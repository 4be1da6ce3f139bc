using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Model;
using ClusterSim.Experiments.Running;
using ClusterSim.Workloads.Traces;

namespace ClusterSim.Experiments.Tests.Config;

/// <summary>The trace keys of an experiment file: the cluster size of an SWF log without a header, and a
/// format's own keys checked where they are written.</summary>
public class TraceSectionTests
{
    /// <summary>An SWF log without a header (no MaxProcs, no MaxNodes): jobs of 4, 12 and 2 processors.</summary>
    private static string HeaderlessSwf(TempFolder temp) => temp.Write("t.swf", """
        1 0 0 100 4 -1 -1 4 -1 -1 1 1 1 -1 -1 -1 -1 -1
        2 60 0 100 12 -1 -1 12 -1 -1 1 1 1 -1 -1 -1 -1 -1
        3 120 0 100 2 -1 -1 2 -1 -1 1 1 1 -1 -1 -1 -1 -1

        """);

    private static string Experiment(string clusterTrace, string workloadTrace) => $$"""
        name: swf
        horizon: 1h
        cluster:
          fromTrace: { {{clusterTrace}} }
        frameworks:
          - name: mpi
            role: hpc
            kind: gang
            workload: { trace: { {{workloadTrace}} } }

        """;

    private static ConfigException Error(string yaml) =>
        Assert.Throws<ConfigException>(() => ExperimentParser.Parse("exp.yaml", yaml))!;

    [Test]
    public void A_HeaderlessSwf_TakesTheClusterSize_FromTheProcessorsKey()
    {
        using var temp = new TempFolder();
        var trace = $"format: swf, path: \"{HeaderlessSwf(temp)}\", processor: \"cpus:1;mem:1024\", processors: 8";
        var file = ExperimentParser.ParseFile(temp.Write("swf.yaml", Experiment(trace, trace)));

        var machines = TraceOpener.Open(file.Variants[0].Cluster.FromTrace!).ReadMachines(new TraceReport()).ToList();
        Assert.That(machines, Has.Count.EqualTo(8));
        Assert.That(machines.Select(m => m.Capacity.ToString()), Is.All.EqualTo("cpus:1;mem:1024"));

        var runner = new ExperimentRunner(file, null, 1);
        var dir = temp.Combine("out");
        runner.Run(dir, runner.Plan());
        var jobs = File.ReadAllLines(Path.Combine(dir, "runs", "base", "seed-1", "jobs.csv")).Skip(1).Select(l => l.Split(',')[0]);
        Assert.That(jobs, Is.EquivalentTo(new[] { "1", "3" }), "the 12-processor job is wider than the 8-processor cluster");
    }

    [Test]
    public void A_HeaderlessSwf_WithoutTheProcessorsKey_IsAnError_NamingThatKey()
    {
        using var temp = new TempFolder();
        var yaml = $$"""
            name: swf
            horizon: 1h
            cluster:
              agents:
                - { count: 8, resources: "cpus:1;mem:1024" }
            frameworks:
              - name: mpi
                kind: gang
                workload: { trace: { format: swf, path: "{{HeaderlessSwf(temp)}}" } }

            """;

        var e = Error(yaml);

        Assert.That(e.Message, Does.StartWith("exp.yaml:9:24: frameworks[0].workload.trace: the trace cannot be read:")
            .And.Contain("or the trace key 'processors: N' in the experiment file").And.Not.Contain("SwfOptions"));
    }

    [TestCase("processors: 0", "processors", "expected a number of processors from 1 to 1048576, found 0")]
    [TestCase("processors: 4294967297", "processors", "expected a number of processors from 1 to 1048576, found 4294967297")]
    [TestCase("processors: eight", "processors", "expected the cluster's size in processors")]
    [TestCase("processor: \"cpus:0\"", "processor", "expected a non-empty request")]
    public void A_BadSwfKey_IsAnErrorAtThatKey(string key, string name, string problem)
    {
        using var temp = new TempFolder();
        var trace = $"format: swf, path: \"{HeaderlessSwf(temp)}\", {key}";

        var e = Error(Experiment(trace, trace));

        Assert.That(e.Message, Does.StartWith($"exp.yaml:4:").And.Contain($"cluster.fromTrace.{name}: ").And.Contain(problem));
    }

    [TestCase("google-2011", "processors: 8", "processors: applies to swf traces only, not google-2011")]
    [TestCase("swf", "machine: \"cpus:32;mem:131072\"", "machine: applies to google-2011 traces only, not swf")]
    [TestCase("swim", "machineMemory: 65536", "machineMemory: applies to alibaba-2018 traces only, not swim")]
    [TestCase("alibaba-2018", "openTasks: drop", "openTasks: applies to google-2011 traces only, not alibaba-2018")]
    public void A_FormatsOwnKey_OnATraceOfAnotherFormat_IsAnError(string format, string key, string problem)
    {
        using var temp = new TempFolder();
        var trace = $"format: {format}, path: \"{temp.Write("trace", "")}\", {key}";

        var e = Error(Experiment(trace, trace));

        Assert.That(e.Message, Does.StartWith("exp.yaml:4:").And.Contain("cluster.fromTrace." + problem));
    }

    [TestCase("google-2011", "machine: \"cpus:0;mem:1024\"", "machine: Google machine size: expected positive cpus and mem")]
    [TestCase("alibaba-2018", "machineMemory: -5", "machineMemory: Alibaba machine memory: expected a positive number of MB, found -5")]
    public void A_BadMachineSize_IsAnErrorAtItsKey_NotOneWithoutALocation(string format, string key, string problem)
    {
        using var temp = new TempFolder();
        var trace = $"format: {format}, path: \"{temp.Write("trace", "")}\", {key}";

        var e = Error(Experiment(trace, trace));

        Assert.That(e.Message, Does.StartWith("exp.yaml:4:").And.Contain("cluster.fromTrace." + problem));
    }
}
