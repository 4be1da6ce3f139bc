using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Running;

namespace ClusterSim.Experiments.Tests.Sweeps;

/// <summary>A small sweep for the shard, merge and Slurm tests: three variants (one with an Erlang C check, so
/// checks.csv is written too) of two seeds, with batch, gang and service frameworks; a second or so in all.</summary>
internal static class SweepExperiment
{
    public const string Yaml = """
        name: sweep
        seed: 5
        runs: 2
        horizon: 1h
        sample: 1m
        cluster:
          agents:
            - { count: 8, resources: "cpus:8;mem:32768" }
        roles: { analytics: { weight: 1 }, hpc: { weight: 1 }, web: { weight: 1 } }
        frameworks:
          - name: hadoop
            role: analytics
            workload:
              synthetic:
                jobs: 40
                arrival: { poisson: { rate: 1/m } }
                tasksPerJob: { constant: 1 }
                taskDuration: { exponential: { mean: 3m } }
                task: "cpus:1;mem:2048"
          - name: mpi
            role: hpc
            kind: gang
            holdTimeout: 20s
            workload: { synthetic: { jobs: 4, arrival: { every: 10m }, tasksPerJob: { constant: 4 }, taskDuration: { constant: 10m }, task: "cpus:4;mem:4096" } }
          - name: web
            role: web
            kind: service
            instance: "cpus:1;mem:1024"
            instances: { min: 2, max: 20, initial: 4 }
            autoscale: { target: 0.6, every: 1m }
            load: { diurnal: { mean: 5, amplitude: 3, period: 1h } }
        checks:
          erlangC: { framework: hadoop, allowance: 1000s }
        variants:
          - { name: drf }
          - { name: weighted, roles: { analytics: { weight: 3 } } }
          - { name: random, allocation: { policy: random } }

        """;

    public const int Runs = 6;

    /// <summary>Writes the experiment file into <paramref name="temp"/>; its path.</summary>
    public static string Write(TempFolder temp, string yaml = Yaml) => temp.Write("sweep.yaml", yaml);

    /// <summary>One whole run of the file into DIR/whole; the folder.</summary>
    public static string RunWhole(TempFolder temp, string file)
    {
        var dir = temp.Combine("whole");
        var runner = new ExperimentRunner(ExperimentParser.ParseFile(file), null, 2);
        runner.Run(dir, runner.Plan());
        return dir;
    }

    /// <summary>Every file under <paramref name="dir"/> but run.json (which holds wall times and provenance),
    /// by path relative to it, in order.</summary>
    public static IReadOnlyList<string> ComparableFiles(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir, f))
            .Where(f => f != "run.json")
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>Asserts that <paramref name="actual"/> holds the same files as <paramref name="expected"/>, byte for
    /// byte, run.json aside.</summary>
    public static void AssertSameOutputs(string expected, string actual)
    {
        var files = ComparableFiles(expected);
        Assert.That(ComparableFiles(actual), Is.EqualTo(files), "the same files");
        Assert.That(files, Does.Contain("summary.csv").And.Contain("comparison.csv").And.Contain("report.html"));
        foreach (var file in files)
            Assert.That(File.ReadAllBytes(Path.Combine(actual, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(expected, file))), file);
    }
}
