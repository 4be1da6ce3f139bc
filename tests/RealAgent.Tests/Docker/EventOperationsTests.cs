using ClusterSim.RealAgent.Docker.Models;

namespace ClusterSim.RealAgent.Tests.Docker;

public sealed class EventOperationsTests : DockerTest
{
    [Test]
    public async Task Monitor_ContainerRunsAndExits_YieldsStartThenDieWithExitCode()
    {
        var filters = new DockerFilters().Add("type", "container").Add("label", $"{RunLabelKey}={RunLabel}");
        var seen = new List<EventMessage>();
        // Since replays what happened before the stream was open (the iterator only connects on its first
        // MoveNextAsync, after the container started); the second of sleep makes "die" arrive live.
        var parameters = new EventsParameters { Since = DateTimeOffset.UtcNow.AddSeconds(-1), Filters = filters };

        var id = await RunAsync(ShellContainer("sleep 1; exit 5"));
        await foreach (var message in Client.Events.MonitorAsync(parameters, TestTimeout))
        {
            seen.Add(message);
            if (message.Action == "die")
            {
                break;
            }
        }

        var actions = seen.Select(e => e.Action).ToList();
        Assert.That(actions, Does.Contain("start"));
        Assert.That(actions.IndexOf("start"), Is.LessThan(actions.IndexOf("die")));
        var die = seen.Single(e => e.Action == "die");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(die.Type, Is.EqualTo("container"));
            Assert.That(die.Actor!.Id, Is.EqualTo(id));
            Assert.That(die.Actor.Attributes, Does.ContainKey("exitCode").WithValue("5"));
            Assert.That(die.Actor.Attributes, Does.ContainKey(RunLabelKey).WithValue(RunLabel));
            Assert.That(die.TimeNano, Is.GreaterThanOrEqualTo(seen.Single(e => e.Action == "start").TimeNano));
        }
    }

    [Test]
    public async Task Monitor_Cancelled_EndsWithOperationCanceled()
    {
        var parameters = new EventsParameters { Filters = new DockerFilters().Add("label", $"{RunLabelKey}={RunLabel}") };
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestTimeout);

        var monitor = Task.Run(async () =>
        {
            await foreach (var unused in Client.Events.MonitorAsync(parameters, cancel.Token))
            {
            }
        });
        await Task.Delay(TimeSpan.FromMilliseconds(500), TestTimeout);
        await cancel.CancelAsync();

        Assert.That(async () => await monitor.WaitAsync(TimeSpan.FromSeconds(10)), Throws.InstanceOf<OperationCanceledException>());
    }
}
