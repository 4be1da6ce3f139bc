using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Running;

namespace ClusterSim.Experiments.Tests.Running;

/// <summary>Frameworks in several roles in experiment files (<c>roles:</c>, <c>workloads:</c> per role), on runs
/// small enough to work out by hand.</summary>
public class MultiRoleExperimentTests
{
    /// <summary>
    /// Two agents of 4 CPUs; one batch framework in roles prod and dev with a job of each at 0 s: prod's is 4
    /// tasks of 1 CPU for 60 s, dev's 2 tasks of 2 CPUs for 30 s. The two roles are equal at the first run, so
    /// DRF gives one agent to each role (a role that has an agent has the larger share when the second is
    /// visited), and each role's work fills its agent exactly: everything starts at 0 s, dev's tasks end at
    /// 30 s and prod's at 60 s. CPUs in use: 8 of 8 until 30 s, 4 of 8 until 60 s.
    /// </summary>
    private const string TwoRoles = """
        name: two-roles
        horizon: 1h
        sample: 10s
        cluster: { agents: [ { count: 2, resources: "cpus:4;mem:4096" } ] }
        frameworks:
          - name: spark
            roles: [prod, dev]
            workloads:
              prod: { synthetic: { jobs: 1, arrival: { at: 0s }, tasksPerJob: { constant: 4 }, taskDuration: { constant: 60s }, task: "cpus:1;mem:512" } }
              dev: { synthetic: { jobs: 1, arrival: { at: 0s }, tasksPerJob: { constant: 2 }, taskDuration: { constant: 30s }, task: "cpus:2;mem:512" } }

        """;

    private static (RunResult Result, string Directory) Run(TempFolder folder, string yaml)
    {
        var spec = ExperimentParser.Parse("exp.yaml", yaml).Variants[0];
        var directory = folder.Combine("run");
        Directory.CreateDirectory(directory);
        return (new SimulationRun(spec, spec.Seeds[0], directory).Execute(), directory);
    }

    private static Sample At(RunResult run, double seconds) => run.Samples.Single(s => s.TimeSeconds == seconds);

    private static string[][] Rows(string directory, string file) =>
        File.ReadAllLines(Path.Combine(directory, file)).Skip(1).Select(l => l.Split(',')).ToArray();

    [Test]
    public void WorkPerRole_RunsInItsRole_AndIsAccountedPerFrameworkAndRole()
    {
        using var folder = new TempFolder();
        var (run, directory) = Run(folder, TwoRoles);

        Assert.That(run.Roles, Is.EqualTo(new[] { "dev", "prod" }));
        Assert.That(run.Summary.TasksCompleted, Is.EqualTo(6));
        Assert.That(run.Summary.MakespanSeconds, Is.EqualTo(60));
        Assert.That(run.Summary.WaitMean, Is.EqualTo(0));
        Assert.That(run.Summary.CpuUtilisationMean, Is.EqualTo(0.75).Within(1e-12));
        // At 10 s each role uses one agent: half the CPUs each; at 40 s dev is done.
        Assert.That(At(run, 10).RoleDominantShares, Is.EqualTo(new[] { 0.5, 0.5 }));
        Assert.That(At(run, 40).RoleDominantShares, Is.EqualTo(new[] { 0, 0.5 }));

        // tasks.csv: each task in its workload's role; job ids start with the role.
        var tasks = Rows(directory, "tasks.csv");
        Assert.That(tasks.Select(t => (Job: t[1], Role: t[3])).Distinct().OrderBy(t => t.Role, StringComparer.Ordinal),
            Is.EqualTo(new[] { ("dev:spark@dev-0", "dev"), ("prod:spark-0", "prod") }));
        Assert.That(tasks.Count(t => t[3] == "prod" && t[7] == "60"), Is.EqualTo(4));
        Assert.That(tasks.Count(t => t[3] == "dev" && t[7] == "30"), Is.EqualTo(2));
        // Both of a role's tasks ran on one agent, the roles on different ones.
        Assert.That(tasks.GroupBy(t => t[3]).Select(g => g.Select(t => t[4]).Distinct().Count()), Is.All.EqualTo(1));
        Assert.That(tasks.Select(t => t[4]).Distinct().Count(), Is.EqualTo(2));

        // shares.csv: one row per (framework, role) at each sample; running_tasks (7) is the framework's,
        // role_running_tasks (11) the role's: 4 of prod's and 2 of dev's 6 at 10 s, prod's 4 alone at 40 s.
        var shares = Rows(directory, "shares.csv").Where(r => r[0] == "10").ToArray();
        Assert.That(shares.Select(r => (r[1], r[2], r[5])), Is.EquivalentTo(new[] { ("prod", "spark", "4"), ("dev", "spark", "4") }));
        Assert.That(shares.Select(r => (r[1], r[7], r[11])), Is.EquivalentTo(new[] { ("prod", "6", "4"), ("dev", "6", "2") }));
        var later = Rows(directory, "shares.csv").Where(r => r[0] == "40").ToArray();
        Assert.That(later.Select(r => (r[1], r[7], r[11])), Is.EquivalentTo(new[] { ("prod", "4", "4"), ("dev", "4", "0") }));
    }

    [Test]
    public void OneWorkload_InSeveralRoles_RunsOnOffersOfEither()
    {
        // Six 1-CPU tasks, two 4-CPU agents, one agent offered to each role: all six start at once.
        using var folder = new TempFolder();
        var (run, directory) = Run(folder, """
            name: any-role
            horizon: 1h
            sample: 10s
            cluster: { agents: [ { count: 2, resources: "cpus:4;mem:4096" } ] }
            frameworks:
              - name: spark
                roles: [prod, dev]
                workload: { synthetic: { jobs: 1, arrival: { at: 0s }, tasksPerJob: { constant: 6 }, taskDuration: { constant: 60s }, task: "cpus:1;mem:512" } }

            """);

        Assert.That(run.Summary.WaitMean, Is.EqualTo(0));
        Assert.That(run.Summary.MakespanSeconds, Is.EqualTo(60));
        var roles = Rows(directory, "tasks.csv").Select(t => t[3]).ToArray();
        Assert.That(roles.Distinct().Order(StringComparer.Ordinal), Is.EqualTo(new[] { "dev", "prod" }));
        Assert.That(At(run, 10).RoleDominantShares.Sum(), Is.EqualTo(0.75).Within(1e-12));
        Assert.That(Rows(directory, "jobs.csv").Single()[2], Is.EqualTo("prod+dev"));
    }

    [Test]
    public void A_RoleWithNoWorkLeft_IsSuppressed_AndTheOtherKeepsItsOffers()
    {
        // dev's work ends at 30 s; its role is suppressed, so dev is offered nothing after, while prod, with
        // eight 1-CPU tasks, gets the freed agent for its last four at 30 s.
        using var folder = new TempFolder();
        var (run, _) = Run(folder, TwoRoles.Replace("tasksPerJob: { constant: 4 }", "tasksPerJob: { constant: 8 }", StringComparison.Ordinal));

        Assert.That(run.Summary.TasksCompleted, Is.EqualTo(10));
        Assert.That(run.Summary.MakespanSeconds, Is.EqualTo(90));
        Assert.That(At(run, 40).RoleDominantShares, Is.EqualTo(new[] { 0, 1 }));
    }

    [Test]
    public void The_BundledExperiment_PinnedWorkIsTheSingleRoleRun_AndWorkFreeToSpillTakesFromTheOtherRole()
    {
        var file = ExperimentParser.ParseFile(RepositoryRoot.Combine("experiments", "multi-role.yaml"));
        RunSummary Run(string variant)
        {
            var spec = file.Variants.Single(v => v.Variant == variant);
            return new SimulationRun(spec, spec.Seeds[0], null).Execute().Summary;
        }
        double Metric(RunSummary summary, string name) => summary.Breakdown.Single(b => b.Name == name).Value;
        var single = Run("prod-only");
        var pinned = Run("pinned");
        var any = Run("any-role");

        // Work pinned to prod never uses besteffort offers: every number is the single-role run's.
        Assert.That(pinned.Breakdown, Is.EqualTo(single.Breakdown));
        Assert.That(pinned.CpuUtilisationMean, Is.EqualTo(single.CpuUtilisationMean));
        // Free to run in besteffort too, Spark waits less and Hadoop, sharing its role with it, more.
        Assert.That(Metric(any, "wait_mean_s:spark"), Is.LessThan(Metric(single, "wait_mean_s:spark") / 2));
        Assert.That(Metric(any, "wait_mean_s:hadoop"), Is.GreaterThan(Metric(single, "wait_mean_s:hadoop") * 1.2));
    }

    [Test]
    public void GangWorkPerRole_IsPlacedOnlyOnItsRolesOffers()
    {
        // The two-roles run with gangs: each role's gang fills the agent offered to that role, all at 0 s.
        using var folder = new TempFolder();
        var (run, directory) = Run(folder, TwoRoles.Replace("    roles: [prod, dev]", "    kind: gang\n    holdTimeout: 10m\n    roles: [prod, dev]",
            StringComparison.Ordinal));
        Assert.That(run.Summary.TasksCompleted, Is.EqualTo(6));
        Assert.That(run.Summary.MakespanSeconds, Is.EqualTo(60));
        Assert.That(run.Summary.WaitMean, Is.EqualTo(0));
        var tasks = Rows(directory, "tasks.csv");
        Assert.That(tasks.Select(t => (Job: t[1], Role: t[3])).Distinct().OrderBy(t => t.Role, StringComparer.Ordinal),
            Is.EqualTo(new[] { ("dev:spark@dev-0", "dev"), ("prod:spark-0", "prod") }));
        Assert.That(tasks.GroupBy(t => t[3]).Select(g => g.Select(t => t[4]).Distinct().Count()), Is.All.EqualTo(1));
    }

    [Test]
    public void APinnedGang_WaitsForItsRolesOffers_AndNeverTakesTheOtherRoles()
    {
        // prod's gang needs both agents (two 4-CPU tasks); dev's one 4-CPU task runs 0-30 s on the agent
        // offered to dev, though prod's gang came first in the queue: the queue is FIFO within each role. prod
        // holds the agent offered in prod and never takes dev's offer; it starts its gang when dev's task ends
        // and that agent comes to prod: at 30 s, ending at 90 s.
        using var folder = new TempFolder();
        var (run, directory) = Run(folder, """
            name: pinned-gang
            horizon: 1h
            sample: 10s
            cluster: { agents: [ { count: 2, resources: "cpus:4;mem:4096" } ] }
            frameworks:
              - name: mpi
                kind: gang
                holdTimeout: 10m
                roles: [prod, dev]
                workloads:
                  prod: { synthetic: { jobs: 1, arrival: { at: 0s }, tasksPerJob: { constant: 2 }, taskDuration: { constant: 60s }, task: "cpus:4;mem:512" } }
                  dev: { synthetic: { jobs: 1, arrival: { at: 0s }, tasksPerJob: { constant: 1 }, taskDuration: { constant: 30s }, task: "cpus:4;mem:512" } }

            """);
        var tasks = Rows(directory, "tasks.csv");
        // task_id, job_id, framework, role, agent, submit_s, start_s, end_s, ...
        Assert.That(tasks.Where(t => t[3] == "prod").Select(t => (t[6], t[7])), Is.All.EqualTo(("30", "90")));
        Assert.That(tasks.Where(t => t[3] == "dev").Select(t => (t[6], t[7])), Is.EqualTo(new[] { ("0", "30") }));
        Assert.That(run.Summary.MakespanSeconds, Is.EqualTo(90));
    }
}
