using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Running;

namespace ClusterSim.Experiments.Tests.Faults;

/// <summary>Each fault kind on small runs whose outcome is worked out by hand, and the properties a run
/// with faults must keep: every task accounted for, the long-run fraction of agents up, the same bytes for
/// the same seed.</summary>
public class FaultRunTests
{
    /// <summary>Two agents of 4 cpus; one job of 8 one-cpu tasks of 10 minutes, all started at 0.</summary>
    private const string TwoAgents = """
        name: hand-checked
        horizon: 2h
        sample: 1m
        cluster: { agents: [ { count: 2, resources: "cpus:4;mem:8192", attributes: { rack: "r{i%2}" } } ] }
        frameworks:
          - name: batch
            role: a
            workload: { synthetic: { jobs: 1, arrival: { at: 0s }, tasksPerJob: { constant: 8 }, taskDuration: { constant: 10m }, task: "cpus:1;mem:1024" } }

        """;

    private static (RunResult Result, string Dir) Run(TempFolder temp, string yaml, string name = "run", int variant = 0, long? seed = null)
    {
        var spec = ExperimentParser.Parse("exp.yaml", yaml).Variants[variant];
        var dir = temp.Combine(name);
        var result = new SimulationRun(spec, seed ?? spec.Seeds[0], dir).Execute();
        return (result, dir);
    }

    private static List<string[]> Csv(string path) => File.ReadAllLines(path).Skip(1).Select(l => l.Split(',')).ToList();

    private static double Metric(RunResult r, string name) => r.Summary.Metrics().Single(m => m.Name == name).Value;

    [Test]
    public void AFailedAgent_LosesItsTasks_WhichRunAgainWhenItComesBackEmpty()
    {
        using var temp = new TempFolder();
        var (result, dir) = Run(temp, TwoAgents + "events: [ { at: 5m, failAgent: { agent: agent-0-0, repairAfter: 1m } } ]\n");

        // Its four tasks had run 300 s each on one cpu; they run again when it registers, empty, at 6 m
        // (the other agent is full until 10 m), and end at 16 m.
        Assert.That(File.ReadAllLines(Path.Combine(dir, "faults.csv")), Is.EqualTo(new[]
        {
            "time_s,kind,target,tasks_lost,work_lost_cpu_s",
            "300,agent,agent-0-0,4,1200",
        }));
        Assert.That(Metric(result, "agents_failed"), Is.EqualTo(1));
        Assert.That(Metric(result, "tasks_lost"), Is.EqualTo(4));
        Assert.That(Metric(result, "work_lost_cpu_s"), Is.EqualTo(1200));
        // 8 x 600 useful cpu-seconds and 1200 thrown away.
        Assert.That(Metric(result, "goodput"), Is.EqualTo(4800.0 / 6000).Within(1e-12));
        Assert.That(Metric(result, "jobs_completed"), Is.EqualTo(1));
        Assert.That(Metric(result, "makespan_s"), Is.EqualTo(960));
        var tasks = Csv(Path.Combine(dir, "tasks.csv"));
        Assert.That(tasks.Count(t => t[11] == "2" && t[6] == "360" && t[7] == "960" && t[8] == "FINISHED"), Is.EqualTo(4));
        Assert.That(tasks.Count(t => t[11] == "1" && t[7] == "600"), Is.EqualTo(4));

        // Totals are of the agents up; agents_down says how many are not.
        var series = Csv(Path.Combine(dir, "timeseries.csv"));
        Assert.That(File.ReadLines(Path.Combine(dir, "timeseries.csv")).First(), Does.EndWith(",agents_down"));
        Assert.That(series.Single(r => r[0] == "300")[1], Is.EqualTo("4"));
        Assert.That(series.Single(r => r[0] == "300")[^1], Is.EqualTo("1"));
        Assert.That(series.Single(r => r[0] == "360")[1], Is.EqualTo("8"));
        Assert.That(series.Single(r => r[0] == "360")[^1], Is.EqualTo("0"));
    }

    [Test]
    public void ARunWithoutFaults_WritesNoFaultOutputs()
    {
        using var temp = new TempFolder();
        var (result, dir) = Run(temp, TwoAgents);
        Assert.That(File.Exists(Path.Combine(dir, "faults.csv")), Is.False);
        Assert.That(File.ReadLines(Path.Combine(dir, "timeseries.csv")).First(), Does.EndWith(",fairness_demanding"));
        Assert.That(result.Summary.Metrics().Select(m => m.Name), Has.None.EqualTo("goodput"));
        Assert.That(Metric(result, "makespan_s"), Is.EqualTo(600));
    }

    [Test]
    public void AGangThatLosesAMember_RestartsWhole()
    {
        using var temp = new TempFolder();
        var yaml = """
            name: gang
            horizon: 2h
            sample: 1m
            cluster: { agents: [ { count: 2, resources: "cpus:8;mem:8192" } ] }
            frameworks:
              - name: mpi
                role: hpc
                kind: gang
                holdTimeout: 30s
                workload: { synthetic: { jobs: 1, arrival: { at: 0s }, tasksPerJob: { constant: 4 }, taskDuration: { constant: 10m }, task: "cpus:4;mem:1024" } }
            events: [ { at: 5m, failAgent: { agent: agent-0-0, repairAfter: 1m } } ]

            """;
        var (result, dir) = Run(temp, yaml);
        // Two members were lost with the agent; the two on agent-0-1 are killed, and all four start again
        // together when agent-0-0 is back at 6 m, to end at 16 m. The fault cost all four attempts, 300 s of
        // four cpus each.
        Assert.That(File.ReadAllLines(Path.Combine(dir, "faults.csv")).Skip(1), Is.EqualTo(new[] { "300,agent,agent-0-0,4,4800" }));
        Assert.That(Metric(result, "goodput"), Is.EqualTo(4 * 4 * 600.0 / (4 * 4 * 900)).Within(1e-12));
        var tasks = Csv(Path.Combine(dir, "tasks.csv"));
        Assert.That(tasks.Select(t => (t[6], t[7], t[8], t[11])).Distinct(), Is.EqualTo(new[] { ("360", "960", "FINISHED", "2") }));
        Assert.That(Metric(result, "makespan_s"), Is.EqualTo(960));
    }

    [Test]
    public void AServiceRelaunches_AnInstanceLostWithItsAgent()
    {
        using var temp = new TempFolder();
        var yaml = """
            name: service
            horizon: 30m
            sample: 1m
            cluster: { agents: [ { count: 2, resources: "cpus:4;mem:8192" } ] }
            frameworks:
              - name: web
                role: web
                kind: service
                instance: "cpus:1;mem:1024"
                instances: { min: 4, max: 4, initial: 4 }
                autoscale: { target: 0.5, every: 1h }
                load: { constant: 2 }
            events: [ { at: 5m, failAgent: { agent: agent-0-0 } } ]

            """;
        var (_, dir) = Run(temp, yaml);
        var lost = int.Parse(Csv(Path.Combine(dir, "faults.csv")).Single()[3]);
        Assert.That(lost, Is.GreaterThan(0));
        // The lost instances run again on the agent left, at once: four instances run from 5 m on.
        var series = Csv(Path.Combine(dir, "timeseries.csv"));
        Assert.That(series.Where(r => double.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture) >= 360).Select(r => r[5]),
            Has.All.EqualTo("4"));
        Assert.That(series[^1][1], Is.EqualTo("4"));
    }

    [Test]
    public void ARackFailure_TakesEveryAgentOfTheRack()
    {
        using var temp = new TempFolder();
        // Four agents, racks r0 (agents 0 and 2) and r1; one four-cpu task fills each agent.
        var yaml = TwoAgents.Replace("count: 2", "count: 4").Replace("tasksPerJob: { constant: 8 }", "tasksPerJob: { constant: 4 }")
            .Replace("task: \"cpus:1;mem:1024\"", "task: \"cpus:4;mem:1024\"");
        var (result, dir) = Run(temp, yaml + "events: [ { at: 5m, failRack: { value: r0 } } ]\n");
        Assert.That(File.ReadAllLines(Path.Combine(dir, "faults.csv")).Skip(1), Is.EqualTo(new[] { "300,rack,r0,2,2400" }));
        Assert.That(Metric(result, "agents_failed"), Is.EqualTo(2));
        // Never repaired: the two lost tasks run on rack r1 once its tasks end at 10 m.
        Assert.That(Metric(result, "makespan_s"), Is.EqualTo(1200));
        var last = Csv(Path.Combine(dir, "timeseries.csv"))[^1];
        Assert.That((last[1], last[^1]), Is.EqualTo(("8", "2")));
    }

    [Test]
    public void TasksThatAlwaysFail_FailPartWay_UntilTheirRetriesRunOut()
    {
        using var temp = new TempFolder();
        var yaml = TwoAgents.Replace("role: a", "role: a\n    maxRetries: 2")
            + "faults: { tasks: [ { framework: batch, failureProbability: 1 } ] }\n";
        var (result, dir) = Run(temp, yaml);
        var faults = Csv(Path.Combine(dir, "faults.csv"));
        // Three attempts of each of the eight tasks, each failing at a point strictly inside its 600 s.
        Assert.That(faults, Has.Count.EqualTo(24));
        Assert.That(faults.All(f => f[1] == "task" && f[3] == "1"), Is.True);
        Assert.That(faults.Select(f => double.Parse(f[4], System.Globalization.CultureInfo.InvariantCulture)),
            Has.All.GreaterThanOrEqualTo(0).And.All.LessThan(600));
        Assert.That(Csv(Path.Combine(dir, "tasks.csv")).All(t => t[8] == "FAILED" && t[11] == "3"), Is.True);
        Assert.That(Metric(result, "goodput"), Is.EqualTo(0));
    }

    [Test]
    public void MessageDelays_AddUp_AlongTheLaunchAndTheUpdates()
    {
        using var temp = new TempFolder();
        var (_, dir) = Run(temp, TwoAgents + "faults: { messages: { delay: { constant: 1s } } }\n");
        // Offers made at 0 reach the framework at 1; its accepts reach the master at 2 and the agents at 3.
        // Each agent sends its updates one at a time, the next when the last has arrived, as the live agent's
        // StatusOutbox does: its four RUNNING updates reach the master at 4, 5, 6 and 7; its tasks end at
        // 603 and their FINISHED updates arrive at 604 to 607 (times in tasks.csv are the master's).
        var tasks = Csv(Path.Combine(dir, "tasks.csv"));
        Assert.That(tasks.Select(t => (t[4], t[6], t[7])).Order(), Is.EqualTo(new[]
        {
            ("agent-0-0", "4", "604"), ("agent-0-0", "5", "605"), ("agent-0-0", "6", "606"), ("agent-0-0", "7", "607"),
            ("agent-0-1", "4", "604"), ("agent-0-1", "5", "605"), ("agent-0-1", "6", "606"), ("agent-0-1", "7", "607"),
        }));
    }

    [Test]
    public void LostStatusUpdates_AreResent_SoEveryTaskStillEnds()
    {
        using var temp = new TempFolder();
        var (result, dir) = Run(temp, TwoAgents + "faults: { messages: { statusUpdateLoss: 0.5, resend: 2s } }\n");
        var tasks = Csv(Path.Combine(dir, "tasks.csv"));
        Assert.That(tasks.All(t => t[8] == "FINISHED" && t[11] == "1"), Is.True);
        Assert.That(Metric(result, "jobs_completed"), Is.EqualTo(1));
        // Some RUNNING or FINISHED update was lost and resent every 2 s: the job ends later than 600 s.
        Assert.That(Metric(result, "makespan_s"), Is.GreaterThan(600));
        Assert.That(tasks.Select(t => double.Parse(t[7], System.Globalization.CultureInfo.InvariantCulture) % 2), Has.All.EqualTo(0));
    }

    [Test]
    public void AMasterFailover_PausesOffers_AndKeepsTheRunningTasks()
    {
        using var temp = new TempFolder();
        var yaml = TwoAgents + """
            events: [ { at: 5m, failMaster: {} } ]
            faults: { master: { failovers: [], reregistration: { constant: 30s }, resubscribe: { constant: 10s } } }

            """;
        var (result, dir) = Run(temp, yaml);
        // The agents re-register with their tasks: nothing is lost and the job ends as it would have.
        Assert.That(File.ReadAllLines(Path.Combine(dir, "faults.csv")).Skip(1), Is.EqualTo(new[] { "300,master,master,0,0" }));
        Assert.That(Metric(result, "tasks_lost"), Is.EqualTo(0));
        Assert.That(Metric(result, "makespan_s"), Is.EqualTo(600));
    }

    [Test]
    public void AFrameworkWithNothingToRun_SuppressesAgain_WhenItResubscribes()
    {
        using var temp = new TempFolder();
        // Four tasks on eight cpus: after the launch the framework suppresses, and agent-0-1 stays free.
        var yaml = TwoAgents.Replace("tasksPerJob: { constant: 8 }", "tasksPerJob: { constant: 4 }");
        var (healthy, _) = Run(temp, yaml, name: "healthy");
        var (failedOver, _) = Run(temp, yaml + """
            events: [ { at: 5m, failMaster: {} } ]
            faults: { master: { failovers: [], reregistration: { constant: 30s }, resubscribe: { constant: 10s } } }

            """, name: "failed-over");
        // The new master has it unsuppressed; told it is subscribed, it suppresses again, so the free agent
        // is not offered to it once back.
        Assert.That(Metric(failedOver, "offers_sent"), Is.EqualTo(Metric(healthy, "offers_sent")));
        Assert.That(Metric(failedOver, "makespan_s"), Is.EqualTo(600));
    }

    [Test]
    public void AgentsNotBackByTheTimeout_AreRemoved_AndTheirTasksLost()
    {
        using var temp = new TempFolder();
        var yaml = TwoAgents + """
            events: [ { at: 5m, failMaster: {} } ]
            faults: { master: { failovers: [], reregistration: { constant: 2m }, resubscribe: { constant: 10s }, reregistrationTimeout: 1m } }

            """;
        var (result, dir) = Run(temp, yaml);
        // At 6 m neither agent is back: both are removed with their four tasks each (which had run 360 s),
        // and register again, empty, at 7 m, when the eight tasks run again to end at 17 m.
        Assert.That(File.ReadAllLines(Path.Combine(dir, "faults.csv")).Skip(1), Is.EqualTo(new[]
        {
            "300,master,master,0,0",
            "360,reregistration_timeout,agent-0-0,4,1440",
            "360,reregistration_timeout,agent-0-1,4,1440",
        }));
        Assert.That(Metric(result, "agents_failed"), Is.EqualTo(2));
        Assert.That(Metric(result, "makespan_s"), Is.EqualTo(1020));
    }

    [Test]
    public void BatchAndGangJobsHitByFailures_Complete_WithEveryAttemptAccountedFor()
    {
        using var temp = new TempFolder();
        var yaml = """
            name: accounted
            seed: 11
            horizon: 12h
            sample: 1m
            cluster: { agents: [ { count: 20, resources: "cpus:8;mem:32768", attributes: { rack: "r{i%4}" } } ] }
            frameworks:
              - name: batch
                role: a
                maxRetries: 1000
                workload: { synthetic: { jobs: 40, arrival: { poisson: { rate: 1/m } }, tasksPerJob: { constant: 20 }, taskDuration: { exponential: { mean: 5m } }, task: "cpus:1;mem:1024" } }
              - name: mpi
                role: b
                kind: gang
                holdTimeout: 30s
                maxRetries: 1000
                workload: { synthetic: { jobs: 10, arrival: { every: 5m }, tasksPerJob: { constant: 8 }, taskDuration: { constant: 10m }, task: "cpus:2;mem:1024" } }
            faults:
              agents: { mtbf: { exponential: { mean: 30m } }, repair: { exponential: { mean: 5m } } }
              racks: { attribute: rack, mtbf: { exponential: { mean: 2h } }, repair: { constant: 5m } }
              tasks: [ { framework: batch, failureProbability: 0.05 } ]

            """;
        var (result, dir) = Run(temp, yaml);
        var tasks = Csv(Path.Combine(dir, "tasks.csv"));
        var faults = Csv(Path.Combine(dir, "faults.csv"));
        Assert.That(Metric(result, "jobs_completed"), Is.EqualTo(50));
        Assert.That(tasks, Has.Count.EqualTo(880));
        Assert.That(tasks.All(t => t[8] == "FINISHED"), Is.True);
        // Every attempt beyond a task's first was caused by a fault that booked the attempt it ended (a gang's
        // members killed to restart whole included).
        long retries = tasks.Sum(t => long.Parse(t[11]) - 1);
        long booked = faults.Sum(f => long.Parse(f[3]));
        Assert.That(retries, Is.GreaterThan(50));
        Assert.That(tasks.Count(t => t[2] == "mpi" && t[11] != "1"), Is.GreaterThan(8));
        Assert.That(retries, Is.EqualTo(booked));
    }

    [Test]
    public void OverALongRun_TheFractionOfAgentsUp_IsMtbfOverMtbfPlusRepair()
    {
        using var temp = new TempFolder();
        // 500 agents, each up for Exp(mean 1 h) and down for Exp(mean 20 min): up 3/4 of the time in the long
        // run. Over 48 h the time average has a standard deviation of about 0.002 (a two-state Markov chain's
        // integrated autocorrelation time is 1/(1/1h + 1/20m) = 15 min); the first hour, while the fraction
        // relaxes from 1, is left out.
        var yaml = """
            name: availability
            seed: 5
            horizon: 48h
            sample: 5m
            cluster: { agents: [ { count: 500, resources: "cpus:4;mem:8192" } ] }
            frameworks:
              - name: web
                role: web
                kind: service
                instance: "cpus:1;mem:1024"
                instances: { min: 1, max: 1, initial: 1 }
                autoscale: { target: 0.5, every: 1h }
                load: { constant: 0.5 }
            faults:
              agents: { mtbf: { exponential: { mean: 1h } }, repair: { exponential: { mean: 20m } } }

            """;
        var (result, _) = Run(temp, yaml, name: "availability");
        var measured = result.Samples.Where(s => s.TimeSeconds >= 3600).ToArray();
        double up = measured.Average(s => 1 - s.AgentsDown / 500.0);
        Assert.That(up, Is.EqualTo(0.75).Within(0.01));
        // The capacity the samples saw is that of the agents up.
        Assert.That(measured.All(s => s.CapacityCpus == 4 * (500 - s.AgentsDown)), Is.True);
    }

    [Test]
    public void TheSameSeed_GivesTheSameBytes()
    {
        using var temp = new TempFolder();
        var yaml = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "experiments", "failures.yaml"));
        var (a, dirA) = Run(temp, yaml, name: "a");
        var (b, dirB) = Run(temp, yaml, name: "b");
        Assert.That(a.Digest, Is.EqualTo(b.Digest));
        foreach (var file in Directory.GetFiles(dirA).Select(Path.GetFileName))
            Assert.That(File.ReadAllBytes(Path.Combine(dirB, file!)), Is.EqualTo(File.ReadAllBytes(Path.Combine(dirA, file!))), file);
        Assert.That(File.ReadAllLines(Path.Combine(dirA, "faults.csv")).Length, Is.GreaterThan(10));
        // Another seed fails other things.
        var (c, _) = Run(temp, yaml, name: "c", seed: 8);
        Assert.That(c.Digest, Is.Not.EqualTo(a.Digest));
    }
}
