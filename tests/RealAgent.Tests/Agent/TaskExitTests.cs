using ClusterSim.RealAgent.Agent;
using ClusterSim.RealAgent.Containers;

namespace ClusterSim.RealAgent.Tests.Agent;

public class TaskExitTests
{
    private static TaskContainer Task() => new(0, "etl", "etl-0/0") { MemoryLimitBytes = 64L * 1024 * 1024 };

    private static ContainerSnapshot Exit(long code, bool oomKilled = false) => new("c1", ContainerPhase.Exited, code, oomKilled, null, 64L * 1024 * 1024);

    [Test]
    public void Classify_ExitZero_IsFinished() =>
        Assert.That(TaskExit.Classify(Task(), Exit(0)), Is.EqualTo(("FINISHED", (string?)null)));

    [Test]
    public void Classify_KilledOnRequest_IsKilled()
    {
        var task = Task();
        task.KillRequested = true;
        Assert.That(TaskExit.Classify(task, Exit(137)).State, Is.EqualTo("KILLED"));
    }

    [Test]
    public void Classify_OomKilledFlag_IsFailedWithOomInTheReason()
    {
        var (state, reason) = TaskExit.Classify(Task(), Exit(137, oomKilled: true));
        Assert.That((state, reason), Is.EqualTo(("FAILED", "OOM-killed: the container exceeded its memory limit of 64 MB (exit 137)")));
    }

    [Test]
    public void Classify_Exit137UnderAMemoryLimitWithNoKillSeen_IsPresumedOom() =>
        Assert.That(TaskExit.Classify(Task(), Exit(137)).Reason, Does.StartWith("OOM-killed (presumed"));

    [Test]
    public void Classify_KillFromOutsideTheAgent_IsFailedButNotOom()
    {
        var task = Task();
        task.OutsideKillSignal = "9";
        var (state, reason) = TaskExit.Classify(task, Exit(137));
        Assert.That((state, reason), Is.EqualTo(("FAILED", "the container was killed outside the agent (signal 9, exit 137)")));
    }

    [Test]
    public void Classify_NonZeroExit_IsFailedWithTheCode() =>
        Assert.That(TaskExit.Classify(Task(), Exit(3)), Is.EqualTo(("FAILED", (string?)"the command exited with code 3")));

    [Test]
    public void NeedsDeathEvent_OnlyForASigKillNothingExplainsYet()
    {
        var task = Task();
        var oomEvent = Task();
        oomEvent.OomEvent = true;
        var killedOutside = Task();
        killedOutside.OutsideKillSignal = "9";
        Assert.Multiple(() =>
        {
            Assert.That(TaskExit.NeedsDeathEvent(task, Exit(137)), Is.True);
            Assert.That(TaskExit.NeedsDeathEvent(task, Exit(137, oomKilled: true)), Is.False);
            Assert.That(TaskExit.NeedsDeathEvent(task, Exit(1)), Is.False);
            Assert.That(TaskExit.NeedsDeathEvent(oomEvent, Exit(137)), Is.False);
            Assert.That(TaskExit.NeedsDeathEvent(killedOutside, Exit(137)), Is.False);
        });
    }
}
