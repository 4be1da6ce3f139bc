using ClusterSim.RealAgent.Agent;
using ClusterSim.RealAgent.Containers;
using ClusterSim.RealAgent.Protocol;

namespace ClusterSim.RealAgent.Tests.Containers;

/// <summary>The agent's container runtime against the real daemon: what the fake in the agent's tests stands in for.</summary>
public sealed class DockerContainerRuntimeTests : DockerTest
{
    private const long MiB = 1024 * 1024;

    private DockerContainerRuntime _runtime = null!;

    [OneTimeSetUp]
    public void CreateRuntime() => _runtime = new DockerContainerRuntime(DockerContainerRuntime.DefaultEndpoint);

    [OneTimeTearDown]
    public void DisposeRuntime() => _runtime.Dispose();

    private ContainerSpec Shell(string command, long memoryBytes = 64 * MiB) => new($"cs-test-{Guid.NewGuid():N}", Image)
    {
        Command = ["sh", "-c", command],
        Labels = new Dictionary<string, string> { [RunLabelKey] = RunLabel },
        CpuShares = 1024,
        CpuPeriodMicros = 100_000,
        CpuQuotaMicros = 100_000,
        MemoryBytes = memoryBytes,
        PidsLimit = 64,
    };

    [Test]
    public async Task Run_ARecipe_TheDaemonHoldsEveryLimitAndLabel()
    {
        var launch = new TaskLaunch(3, "etl", "etl-0/1", 0.5, 64, 30, Image, ["sleep", "30"]);
        var recipe = ContainerRecipe.For(launch, "a1", pidsLimit: 32);
        var spec = recipe with { Labels = new Dictionary<string, string>(recipe.Labels) { [RunLabelKey] = RunLabel } };

        var id = await _runtime.RunAsync(spec, TestTimeout);

        var inspected = await Client.Containers.InspectContainerAsync(id, TestTimeout);
        var host = inspected.HostConfig!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(inspected.State!.Running, Is.True);
            Assert.That(host.CPUShares, Is.EqualTo(512));
            Assert.That(host.CPUPeriod, Is.EqualTo(100_000));
            Assert.That(host.CPUQuota, Is.EqualTo(50_000));
            Assert.That(host.Memory, Is.EqualTo(64 * MiB));
            Assert.That(host.MemorySwap, Is.EqualTo(64 * MiB), "no swap beyond the memory limit");
            Assert.That(host.PidsLimit, Is.EqualTo(32));
            Assert.That(host.NetworkMode, Is.EqualTo("none"));
            Assert.That(host.Privileged, Is.False);
            Assert.That(host.SecurityOpt, Is.EquivalentTo(new[] { "no-new-privileges" }));
            Assert.That(inspected.Config!.Labels, Does.ContainKey(ContainerLabels.Task).WithValue("etl-0/1"));
            Assert.That(inspected.Config.Env, Does.Contain("CLUSTERSIM_TASK_ID=etl-0/1"));
        }
    }

    [Test]
    public async Task WaitThenInspect_CommandFails_ExitedWithItsCode()
    {
        var id = await _runtime.RunAsync(Shell("exit 3"), TestTimeout);

        await _runtime.WaitAsync(id, TestTimeout);
        var exited = await _runtime.InspectAsync(id, TestTimeout);

        Assert.That(exited, Is.EqualTo(new ContainerSnapshot(id, ContainerPhase.Exited, 3, false, null, 64 * MiB)));
    }

    [Test]
    public async Task Usage_OfABusyContainer_CountsItsCpuTime_AndOfAGoneOne_IsNull()
    {
        var id = await _runtime.RunAsync(Shell("while :; do :; done"), TestTimeout);
        var first = await _runtime.UsageAsync(id, TestTimeout);
        Assert.That(first, Is.Not.Null);
        // The busy loop uses CPU time between two reads; the test waits on the runtime's answer, not on a clock.
        ContainerUsage? later;
        do later = await _runtime.UsageAsync(id, TestTimeout);
        while (later!.CpuSeconds <= first!.CpuSeconds && !TestTimeout.IsCancellationRequested);
        Assert.That(later.CpuSeconds, Is.GreaterThan(first!.CpuSeconds));
        Assert.That(later.MemoryBytes, Is.GreaterThan(0));
        await _runtime.RemoveAsync(id, TestTimeout);
        Assert.That(await _runtime.UsageAsync(id, TestTimeout), Is.Null);
    }

    [Test]
    public async Task Wait_ContainerAlreadyExited_AnswersAtOnce()
    {
        var id = await _runtime.RunAsync(Shell("true"), TestTimeout);
        await _runtime.WaitAsync(id, TestTimeout);

        Assert.That(async () => await _runtime.WaitAsync(id, TestTimeout).WaitAsync(TimeSpan.FromSeconds(10)), Throws.Nothing);
    }

    [Test]
    public async Task Kill_RunningContainer_Exits137WithoutOomFlag_AndKillingItAgainIsNothing()
    {
        var id = await _runtime.RunAsync(Shell("sleep 30"), TestTimeout);

        await _runtime.KillAsync(id, TestTimeout);
        await _runtime.WaitAsync(id, TestTimeout);
        var exited = await _runtime.InspectAsync(id, TestTimeout);

        Assert.That((exited!.Phase, exited.ExitCode, exited.OomKilled), Is.EqualTo((ContainerPhase.Exited, 137L, false)));
        Assert.That(() => _runtime.KillAsync(id, TestTimeout), Throws.Nothing);
    }

    /// <remarks>
    /// The allocation waits half a second: a container OOM-killed in its first moments can exit before
    /// containerd's OOM notification is read, and then the daemon never sets OOMKilled nor sends an "oom"
    /// event (containerd/containerd#8180; see tools/setup-docker.sh). The agent's presumed-OOM rule covers that.
    /// </remarks>
    [Test]
    public async Task Events_MemoryLimitExceeded_OomThenDied_AndInspectSaysOomKilled()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var id = await _runtime.RunAsync(Shell("sleep 0.5; dd if=/dev/zero of=/dev/null bs=64M count=1", memoryBytes: 16 * MiB), TestTimeout);

        var events = await EventsUntilDeathAsync(since);
        var exited = await _runtime.InspectAsync(id, TestTimeout);

        Assert.That(events, Is.EqualTo(new[] { new ContainerEvent(id, ContainerEventKind.OutOfMemory), new ContainerEvent(id, ContainerEventKind.Died) }));
        Assert.That((exited!.ExitCode, exited.OomKilled), Is.EqualTo((137L, true)));
    }

    [Test]
    public async Task Events_KilledWithDocker_KilledWithTheSignalThenDied()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var id = await _runtime.RunAsync(Shell("sleep 30"), TestTimeout);
        await Client.Containers.KillContainerAsync(id, new Docker.DotNet.Models.ContainerKillParameters { Signal = "SIGKILL" }, TestTimeout);

        var events = await EventsUntilDeathAsync(since);

        Assert.That(events, Is.EqualTo(new[] { new ContainerEvent(id, ContainerEventKind.Killed, "9"), new ContainerEvent(id, ContainerEventKind.Died) }));
    }

    [Test]
    public async Task List_ByLabel_OnlyThoseContainers_RunningOrNot_WithTheirLabels()
    {
        var running = await _runtime.RunAsync(Shell("sleep 30"), TestTimeout);
        var exited = await _runtime.RunAsync(Shell("true"), TestTimeout);
        await _runtime.WaitAsync(exited, TestTimeout);

        var listed = await _runtime.ListAsync(RunLabelKey, RunLabel, TestTimeout);

        Assert.That(listed.Select(c => (c.Id, c.Phase)), Is.EquivalentTo(new[] { (running, ContainerPhase.Running), (exited, ContainerPhase.Exited) }));
        Assert.That(listed.Select(c => c.Labels[RunLabelKey]), Has.All.EqualTo(RunLabel));
    }

    [Test]
    public void Run_MissingImage_ThrowsWithTheDaemonsMessage()
    {
        var spec = Shell("true") with { Image = "clustersim/does-not-exist:never" };

        var error = Assert.ThrowsAsync<ContainerRuntimeException>(() => _runtime.RunAsync(spec, TestTimeout));

        Assert.That(error!.Message, Does.Contain("clustersim/does-not-exist:never").And.Contain("No such image"));
    }

    [Test]
    public async Task Run_CommandThatCannotStart_ThrowsAndLeavesNoContainer()
    {
        var spec = Shell("true") with { Command = ["/no/such/binary"] };

        var error = Assert.ThrowsAsync<ContainerRuntimeException>(() => _runtime.RunAsync(spec, TestTimeout));

        Assert.That(error!.Message, Does.Contain("/no/such/binary"));
        Assert.That(await ListAsync($"{RunLabelKey}={RunLabel}", TestTimeout), Is.Empty);
    }

    [Test]
    public async Task Remove_RunningContainer_IsGone_AndGoneContainersAreAnswersNotErrors()
    {
        var id = await _runtime.RunAsync(Shell("sleep 30"), TestTimeout);

        await _runtime.RemoveAsync(id, TestTimeout);

        Assert.That(await _runtime.InspectAsync(id, TestTimeout), Is.Null);
        Assert.That(() => _runtime.RemoveAsync(id, TestTimeout), Throws.Nothing);
        Assert.That(() => _runtime.KillAsync(id, TestTimeout), Throws.Nothing);
        Assert.That(() => _runtime.WaitAsync(id, TestTimeout), Throws.Nothing);
    }

    [Test]
    public async Task GetCapacity_TheHostsCpusAndMemory()
    {
        var info = await Client.System.GetSystemInfoAsync(TestTimeout);

        var capacity = await _runtime.GetCapacityAsync(TestTimeout);

        Assert.That(capacity, Is.EqualTo(new HostCapacity(info.NCPU, info.MemTotal)));
        Assert.That(capacity.Cpus, Is.Positive);
    }

    [Test]
    public void Runtime_OfAnEndpointWhereNoDaemonListens_ThrowsNamingIt()
    {
        using var nowhere = new DockerContainerRuntime(new Uri("unix:///tmp/clustersim-no-docker-here.sock"));

        var error = Assert.ThrowsAsync<ContainerRuntimeException>(() => nowhere.GetCapacityAsync(TestTimeout));

        Assert.That(error!.Message, Does.Contain("unix:///tmp/clustersim-no-docker-here.sock"));
    }

    private async Task<List<ContainerEvent>> EventsUntilDeathAsync(DateTimeOffset since)
    {
        var seen = new List<ContainerEvent>();
        await foreach (var e in _runtime.EventsAsync(RunLabelKey, RunLabel, since, TestTimeout))
        {
            seen.Add(e);
            if (e.Kind == ContainerEventKind.Died) break;
        }
        return seen;
    }
}
