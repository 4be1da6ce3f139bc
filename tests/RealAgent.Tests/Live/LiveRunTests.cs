using System.Diagnostics;
using System.Text.Json;

namespace ClusterSim.RealAgent.Tests.Live;

/// <summary>
/// The bundled experiments/live-small.yaml run live end to end: a master (clustersim run --live) and three
/// agents as separate processes on 127.0.0.1, each offering cpus:2;mem:2048 of this machine, then the same
/// file simulated and the two compared. One run serves every test here: it is the expensive part.
/// </summary>
[NonParallelizable]
public class LiveRunTests : LiveClusterTest
{
    private string _live = "";
    private string _sim = "";
    private int _runExit;
    private int _compareExit;
    private string _runOutput = "";
    private string _compareOutput = "";

    [OneTimeSetUp]
    public async Task RunLiveSmallAsync()
    {
        var experiment = Path.Combine(LiveCluster.RepositoryRoot, "experiments", "live-small.yaml");
        _live = Path.Combine(Cluster.Folder, "live");
        _sim = Path.Combine(Cluster.Folder, "sim");
        var clock = Stopwatch.StartNew();
        var (run, master) = await Cluster.StartLiveRunAsync(experiment, _live);
        for (int i = 0; i < 3; i++) Cluster.StartAgent(i, master);
        _runExit = await run.WaitForExitAsync(RunTimeout);
        _runOutput = run.Output;
        TestContext.Progress.WriteLine($"live-small live run: {clock.Elapsed.TotalSeconds:0.0} s");

        var sim = Cluster.Start("run (simulation)", "run", experiment, "--out", _sim);
        Assert.That(await sim.WaitForExitAsync(RunTimeout), Is.Zero, sim.Output);
        var compare = Cluster.Start("compare", "compare", _sim, _live, "--out", Path.Combine(Cluster.Folder, "compare"));
        _compareExit = await compare.WaitForExitAsync(RunTimeout);
        _compareOutput = compare.Output;
    }

    [Test]
    public void LiveRun_EveryTaskFinished()
    {
        Assert.That(_runExit, Is.Zero, _runOutput);
        var tasks = TaskRows(_live);
        Assert.Multiple(() =>
        {
            Assert.That(tasks, Has.Count.EqualTo(30));
            Assert.That(tasks.Select(t => t["state"]), Has.All.EqualTo("FINISHED"));
            Assert.That(tasks.Select(t => t["agent"]).Distinct().Count(), Is.GreaterThan(1), "the work was spread over the agents");
        });
    }

    [Test]
    public void LiveRun_WritesTheSameOutputsAsASimulation_MarkedLive()
    {
        Assert.That(_runExit, Is.Zero, _runOutput);
        string[] Files(string dir) => Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir, f)).Where(f => !f.StartsWith("compare", StringComparison.Ordinal) && !f.StartsWith("simulation", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToArray();
        Assert.That(Files(_live), Is.EqualTo(Files(_sim)));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_live, "run.json")));
        Assert.Multiple(() =>
        {
            Assert.That(json.RootElement.GetProperty("mode").GetString(), Is.EqualTo("live"));
            Assert.That(json.RootElement.GetProperty("time_scale").GetDouble(), Is.EqualTo(60));
            Assert.That(File.ReadAllText(Path.Combine(_live, "report.html")), Does.Contain("Mode: <b>live</b>"));
            Assert.That(ReadRunFile(_live, "jobs.csv").Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(21));
            Assert.That(ReadRunFile(_live, "timeseries.csv").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, Is.GreaterThan(10));
            Assert.That(File.ReadAllLines(Path.Combine(_live, "summary.csv"))[1], Does.StartWith("base,7,drf,20,20,30,30,0,"));
        });
    }

    [Test]
    public void LiveRun_WritesItsSimulationAndTheComparison()
    {
        Assert.That(_runExit, Is.Zero, _runOutput);
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(Path.Combine(_live, "simulation", "runs", "base", "seed-7", "tasks.csv")), Is.True);
            Assert.That(File.ReadAllText(Path.Combine(_live, "compare", "compare.csv")), Is.EqualTo(File.ReadAllText(Path.Combine(Cluster.Folder, "compare", "compare.csv"))),
                "the run's own comparison is the one clustersim compare writes");
            Assert.That(_runOutput, Does.Contain("fidelity: every metric within tolerance"));
        });
    }

    [Test]
    public async Task LiveRun_LeavesNoContainerBehind()
    {
        Assert.That(_runExit, Is.Zero, _runOutput);
        // The agents remove a container once the master acknowledged its final status, which may be just
        // after the run ended: whatever is left must be destroyed soon.
        var left = (await AgentContainersAsync(TestTimeout)).Select(c => c.ID).ToHashSet();
        using var soon = CancellationTokenSource.CreateLinkedTokenSource(TestTimeout);
        soon.CancelAfter(TimeSpan.FromSeconds(10));
        if (left.Count > 0) await AgentContainerEventsAsync("destroy", e => left.Contains(e.Actor.ID), left.Count, soon.Token);
        Assert.That(await AgentContainersAsync(TestTimeout), Is.Empty);
    }

    /// <summary>Tolerances: see FidelityTolerance (2.5 s of wall overhead per task, twice that for 95th percentiles, x60; 0.05 + 25% + overhead / mean task duration for what is held).</summary>
    [Test]
    public void Compare_LiveAgainstItsSimulation_IsWithinTolerances()
    {
        Assert.That(_runExit, Is.Zero, _runOutput);
        var csv = File.ReadAllLines(Path.Combine(Cluster.Folder, "compare", "compare.csv"));
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(Path.Combine(Cluster.Folder, "compare", "compare.html")), Is.True);
            Assert.That(File.Exists(Path.Combine(Cluster.Folder, "compare", "compare-utilisation.svg")), Is.True);
            Assert.That(csv.Skip(1).Where(l => l.EndsWith(",false", StringComparison.Ordinal)), Is.Empty, _compareOutput);
            Assert.That(_compareExit, Is.Zero, _compareOutput);
        });
    }
}
