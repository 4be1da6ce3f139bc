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

    /// <summary>An Alibaba workload trace on a cluster of agents, with <paramref name="usage"/> written into its trace map.</summary>
    private static string AlibabaWorkload(TempFolder temp, string usage)
    {
        temp.Write("batch_task.csv", "M1,2,j_1,1,Terminated,0,100,100,1\nM1,1,j_2,1,Terminated,10,100,100,1\n");
        temp.Write("batch_instance.csv", "ins_1,M1,j_1,1,Terminated,0,100,m_1,1,1,50,60,1,1\n");
        return temp.Write("exp.yaml", $$"""
            name: usage
            horizon: 1h
            cluster: { agents: [ { count: 2, resources: "cpus:8;mem:65536" } ] }
            frameworks:
              - name: batch
                role: b
                workload: { trace: { format: alibaba-2018, path: batch_task.csv{{usage}} } }

            """);
    }

    [Test]
    public void Usage_ReadsThePathAndRatio_AndWarnsOfTasksFallingBack()
    {
        using var temp = new TempFolder();
        var file = ExperimentParser.ParseFile(AlibabaWorkload(temp, ", usage: { path: batch_instance.csv, ratio: max }"));

        var usage = file.Variants[0].Frameworks[0].Workload!.Trace!.Usage!;
        Assert.That((usage.Path, usage.Ratio), Is.EqualTo((temp.Combine("batch_instance.csv"), UsageRatio.Max)));
        Assert.That(file.Warnings, Is.EqualTo(new[]
        {
            $"{temp.Combine("exp.yaml")}:7:77: frameworks[0].workload.trace.usage: 1 of 3 tasks have no usage in the usage table (no rows, or a request of 0): they use the framework's usage: distribution (1.0 without one)",
        }));
    }

    [Test]
    public void Usage_OfAGoogleTrace_WarnsOfAttemptsTakingTheirTasksMean()
    {
        using var temp = new TempFolder();
        // Task 0 of job 1 runs on machine 7 from 2 s, is evicted at 302 s and runs again on machine 8 from 310 s
        // to 910 s; the usage table measured only its first attempt.
        temp.Write("task_events.csv", string.Join("\n",
            "1000000,,1,0,,0,u,0,9,0.125,0.125,0,0",
            "2000000,,1,0,7,1,u,0,9,0.125,0.125,0,0",
            "302000000,,1,0,7,2,u,0,9,0.125,0.125,0,0",
            "302000000,,1,0,,0,u,0,9,0.125,0.125,0,0",
            "310000000,,1,0,8,1,u,0,9,0.125,0.125,0,0",
            "910000000,,1,0,8,4,u,0,9,0.125,0.125,0,0") + "\n");
        temp.Write("task_usage.csv", "2000000,302000000,1,0,7,0.0625,0.0625,,,,,,,,,,,,,\n");
        var file = ExperimentParser.ParseFile(temp.Write("exp.yaml", """
            name: usage
            horizon: 1h
            cluster: { agents: [ { count: 2, resources: "cpus:32;mem:131072" } ] }
            frameworks:
              - name: batch
                role: b
                workload: { trace: { format: google-2011, path: task_events.csv, usage: { path: task_usage.csv } } }

            """));

        Assert.That(file.Warnings, Is.EqualTo(new[]
        {
            $"{temp.Combine("exp.yaml")}:7:77: frameworks[0].workload.trace.usage: 1 of 2 tasks have no usage row of their own attempt (none on its machine while it ran): they use their task's mean over all its rows",
        }));
    }

    [TestCase(", usage: { path: batch_instance.csv, ratio: disk }", "usage.ratio: expected cpu, mem or max (the larger of the two), found 'disk'")]
    [TestCase(", usage: { ratio: cpu }", "usage.path: missing; expected the usage table's file or folder")]
    [TestCase(", usage: { path: nowhere.csv }", "usage.path: no such file or folder 'nowhere.csv'")]
    public void Usage_BadKey_IsAnErrorAtIt(string usage, string problem)
    {
        using var temp = new TempFolder();

        var e = Assert.Throws<ConfigException>(() => ExperimentParser.ParseFile(AlibabaWorkload(temp, usage)))!;

        Assert.That(e.Message, Does.Contain("exp.yaml:7:").And.Contain("frameworks[0].workload.trace." + problem));
    }

    [Test]
    public void Usage_WithABadRow_FailsBeforeTheRun_NamingFileLineAndColumn()
    {
        using var temp = new TempFolder();
        var yaml = AlibabaWorkload(temp, ", usage: { path: batch_instance.csv }");
        var instances = temp.Write("batch_instance.csv", "ins_1,M1,j_1,1,Terminated,0,100,m_1,1,1,fifty,60,1,1\n");

        var e = Assert.Throws<ConfigException>(() => ExperimentParser.ParseFile(yaml))!;

        Assert.That(e.Message, Does.Contain($"the trace cannot be read: {instances}:1: field 'cpu_avg' (column 11): expected a number, found 'fifty'"));
    }

    [TestCase("swf", "usage: { path: x }", "frameworks[0].workload.trace.usage: applies to google-2011 (task_usage) and alibaba-2018 (batch_instance) traces only, not swf")]
    public void Usage_OnAFormatWithoutUsage_IsAnError(string format, string key, string problem)
    {
        using var temp = new TempFolder();
        var yaml = $$"""
            name: usage
            horizon: 1h
            cluster: { agents: [ { count: 2, resources: "cpus:8;mem:65536" } ] }
            frameworks:
              - name: batch
                role: b
                workload: { trace: { format: {{format}}, path: "{{HeaderlessSwf(temp)}}", {{key}} } }

            """;

        var e = Error(yaml);

        Assert.That(e.Message, Does.StartWith("exp.yaml:7:").And.Contain(problem));
    }

    [Test]
    public void Usage_OnTheClustersFromTrace_IsAnError()
    {
        using var temp = new TempFolder();
        var trace = $"format: alibaba-2018, path: \"{temp.Write("machine_meta.csv", "m_1,0,1,1,8,50,USING\n")}\", usage: {{ path: x }}";

        var e = Error(Experiment(trace, trace));

        Assert.That(e.Message, Does.StartWith("exp.yaml:4:")
            .And.Contain("cluster.fromTrace.usage: applies to a framework's workload trace (each task's usage), not to the cluster's fromTrace"));
    }
}
