using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Running;

namespace ClusterSim.Experiments.Tests.Running;

public class DifferencesAndProvenanceTests
{
    private static string Experiment(string variants, string extra = "") => $$"""
        name: paired
        seed: 11
        runs: 3
        horizon: 1h
        sample: 1m
        cluster: { agents: [ { count: 4, resources: "cpus:4;mem:8192" } ] }
        roles: { analytics: { weight: 1 }, web: { weight: 1 } }
        frameworks:
          - name: hadoop
            role: analytics
            workload: { synthetic: { jobs: 30, arrival: { poisson: { rate: 1/m } }, tasksPerJob: { constant: 3 }, taskDuration: { exponential: { mean: 4m } }, task: "cpus:1;mem:1024" } }
          - name: spark
            role: web
            workload: { synthetic: { jobs: 30, arrival: { poisson: { rate: 1/m } }, tasksPerJob: { constant: 2 }, taskDuration: { exponential: { mean: 5m } }, task: "cpus:2;mem:1024" } }
        variants:
        {{variants}}
        {{extra}}
        """;

    private static string Run(TempFolder temp, string yaml)
    {
        var runner = new ExperimentRunner(ExperimentParser.ParseFile(temp.Write("paired.yaml", yaml)), null, 2);
        var dir = temp.Combine("out");
        runner.Run(dir, runner.Plan());
        return dir;
    }

    [Test]
    public void Differences_HaveTheDocumentedColumns_AndIdenticalVariantsDifferByNothing()
    {
        using var temp = new TempFolder();
        var dir = Run(temp, Experiment("  - { name: drf }\n  - { name: same, allocation: { policy: drf } }\n  - { name: fifo, allocation: { policy: fifo } }",
            "compare: { baseline: same }"));
        var lines = File.ReadAllLines(Path.Combine(dir, "differences.csv"));
        Assert.That(lines[0], Is.EqualTo("metric,variant,baseline,mean_difference,ci95_low,ci95_high,p_t,p_wilcoxon,runs"));
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.That(rows.Select(r => r[2]).Distinct(), Is.EqualTo(new[] { "same" }), "the baseline named in compare:");
        Assert.That(rows.Take(2).Select(r => (r[0], r[1])), Is.EqualTo(new[] { ("jobs_submitted", "drf"), ("jobs_submitted", "fifo") }),
            "metric by metric, the other variants in file order");
        foreach (var r in rows.Where(r => r[1] == "drf" && r[3].Length > 0))
            Assert.That(r[3..], Is.EqualTo(new[] { "0", "0", "0", "1", "1", "3" }), $"{r[0]}: same policy, same seed, same run");
        Assert.That(rows.Where(r => r[1] == "fifo").Any(r => r[3] != "0" && r[3].Length > 0), "fifo changes something");
        var report = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.That(report, Does.Contain("<h2>Differences against same</h2>"));
        Assert.That(report, Does.Contain("<th colspan=\"3\">fifo &minus; same</th>"));
    }

    [Test]
    public void One_Variant_HasNoDifferences()
    {
        using var temp = new TempFolder();
        var dir = Run(temp, Experiment("  - { name: drf }"));
        Assert.That(File.Exists(Path.Combine(dir, "differences.csv")), Is.False);
        Assert.That(File.ReadAllText(Path.Combine(dir, "report.html")), Does.Not.Contain("Differences against"));
    }

    [Test]
    public void RunJson_RecordsTheCommit_TheMachine_TheCommandLine_AndEveryTracesHash()
    {
        using var temp = new TempFolder();
        var kth = RepositoryRoot.Combine("traces", "KTH-SP2-1996-2.1-cln.swf.gz");
        var yaml = $$"""
            name: kth-window
            horizon: 1d
            sample: 1h
            cluster: { agents: [ { count: 100, resources: "cpus:1;mem:1024" } ] }
            frameworks:
              - name: kth
                role: hpc
                kind: gang
                workload: { trace: { format: swf, path: "{{kth}}", processor: "cpus:1;mem:1024", from: 599000s, to: 685400s } }
            """;
        var dir = Run(temp, yaml);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "run.json")));
        var root = json.RootElement;

        var trace = root.GetProperty("traces").EnumerateArray().Single();
        Assert.That(trace.GetProperty("path").GetString(), Is.EqualTo(kth));
        Assert.That(trace.GetProperty("sha256").GetString(), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(kth)))));
        Assert.That(trace.GetProperty("bytes").GetInt64(), Is.EqualTo(new FileInfo(kth).Length));

        var machine = root.GetProperty("machine");
        Assert.That(machine.GetProperty("cores").GetInt32(), Is.EqualTo(Environment.ProcessorCount));
        Assert.That(machine.GetProperty("memory_bytes").GetInt64(), Is.GreaterThan(0));
        Assert.That(machine.GetProperty("dotnet").GetString(), Does.StartWith(".NET "));
        Assert.That(machine.GetProperty("os").GetString(), Is.Not.Empty);
        Assert.That(root.GetProperty("command_line").EnumerateArray().Select(a => a.GetString()),
            Is.EqualTo(Environment.GetCommandLineArgs()));

        // The tests run from a build inside the repository, so the commit is the repository's HEAD.
        var head = GitHead(RepositoryRoot.Path);
        if (head == null) Assert.That(root.GetProperty("git").ValueKind, Is.EqualTo(JsonValueKind.Null), "no git: no commit");
        else Assert.That(root.GetProperty("git").GetProperty("commit").GetString(), Is.EqualTo(head));
    }

    private static string? GitHead(string repo)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["-C", repo, "rev-parse", "HEAD"]) { RedirectStandardOutput = true })!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
