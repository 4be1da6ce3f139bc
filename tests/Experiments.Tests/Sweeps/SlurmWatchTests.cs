using ClusterSim.Experiments.Sweeps;

namespace ClusterSim.Experiments.Tests.Sweeps;

/// <summary>What <c>clustersim slurm --wait</c> says and returns, from the states scontrol reports (here scripted;
/// the lines are Slurm 22.05's, shortened to the fields read).</summary>
public class SlurmWatchTests
{
    private static readonly string[] RunNames = ["drf seed 5", "drf seed 6", "random seed 5", "random seed 6"];

    [Test]
    public void Parse_ReadsEachTaskLine_AndTheLineOfTasksNotStarted()
    {
        var states = SlurmJobState.Parse("""
            JobId=3 ArrayJobId=3 ArrayTaskId=3-4%2 JobName=wrap UserId=root(0) JobState=PENDING Reason=JobArrayTaskLimit Dependency=(null) ExitCode=0:0 RunTime=00:00:00
            JobId=6 ArrayJobId=3 ArrayTaskId=2 JobName=wrap UserId=root(0) JobState=FAILED Reason=NonZeroExitCode Dependency=(null) ExitCode=3:0 RunTime=00:00:00
            JobId=5 ArrayJobId=3 ArrayTaskId=1 JobName=wrap UserId=root(0) JobState=COMPLETED Reason=None Dependency=(null) ExitCode=0:0 RunTime=00:00:01

            """);

        Assert.That(states, Is.EqualTo(new[]
        {
            new SlurmJobState(null, "PENDING", "0:0", "JobArrayTaskLimit"),
            new SlurmJobState(2, "FAILED", "3:0", "NonZeroExitCode"),
            new SlurmJobState(1, "COMPLETED", "0:0", "None"),
        }));
        Assert.That(states.Select(s => s.HasEnded), Is.EqualTo(new[] { false, true, true }));
        Assert.That(states.Select(s => s.Succeeded), Is.EqualTo(new[] { false, false, true }));
        Assert.That(states[1].ExitStatus, Is.EqualTo(3));
    }

    [Test]
    public void AFailedTask_IsReportedWithItsRuns_AndTheCancelledMergeExitsOne()
    {
        using var temp = new TempFolder();
        var sweep = new SlurmSweep("sweep.yaml", "sweep", runs: 4, "out", new SlurmOptions { Shards = 2 }, ["clustersim"], temp.Path);
        var polls = new Queue<(string Array, string Merge)>(
        [
            ("JobId=10 ArrayTaskId=1-2 JobState=PENDING Reason=None ExitCode=0:0", "JobId=11 JobState=PENDING Reason=Dependency ExitCode=0:0"),
            ("JobId=12 ArrayTaskId=2 JobState=FAILED Reason=NonZeroExitCode ExitCode=1:0\nJobId=10 ArrayTaskId=1 JobState=RUNNING Reason=None ExitCode=0:0",
                "JobId=11 JobState=PENDING Reason=Dependency ExitCode=0:0"),
            ("JobId=12 ArrayTaskId=2 JobState=FAILED Reason=NonZeroExitCode ExitCode=1:0\nJobId=10 ArrayTaskId=1 JobState=COMPLETED Reason=None ExitCode=0:0",
                "JobId=11 JobState=CANCELLED Reason=DependencyNeverSatisfied ExitCode=0:0"),
        ]);
        var current = polls.Peek();
        IReadOnlyList<SlurmJobState> Show(string job)
        {
            if (job == "10")
            {
                current = polls.Count > 1 ? polls.Dequeue() : polls.Peek();
                return SlurmJobState.Parse(current.Array);
            }
            return SlurmJobState.Parse(current.Merge);
        }
        var output = new StringWriter();

        int code = new SlurmWatch(sweep, RunNames, Show, output, TimeSpan.Zero).Wait("10", "11");

        Assert.That(code, Is.EqualTo(1));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Is.EqualTo(new[]
        {
            "task 2/2 (drf seed 6, random seed 6): FAILED, exit 1:0",
            "task 1/2 (drf seed 5, random seed 5): COMPLETED",
            $"failed: task 2 (drf seed 6, random seed 6): FAILED, exit 1:0 (NonZeroExitCode); log: {sweep.TaskLog(2)}",
            "merge job 11: CANCELLED, exit 0:0 (DependencyNeverSatisfied) (it waits for every array task to succeed)",
        }));
    }

    [TestCase("JobId=11 JobState=COMPLETED Reason=None ExitCode=0:0", 0)]
    [TestCase("JobId=11 JobState=FAILED Reason=NonZeroExitCode ExitCode=2:0", 2)]
    [TestCase("JobId=11 JobState=TIMEOUT Reason=TimeLimit ExitCode=0:15", 1)]
    [TestCase("", 1)]
    public void TheExitCode_IsTheMerges(string merge, int expected)
    {
        using var temp = new TempFolder();
        var sweep = new SlurmSweep("sweep.yaml", "sweep", runs: 4, "out", new SlurmOptions(), ["clustersim"], temp.Path);
        var output = new StringWriter();

        int code = new SlurmWatch(sweep, RunNames, job => SlurmJobState.Parse(job == "11" ? merge : ""), output, TimeSpan.Zero).Wait("10", "11");

        Assert.That(code, Is.EqualTo(expected), output.ToString());
        Assert.That(output.ToString(), Does.Contain("merge job 11: "));
    }
}
