using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Core.Tests.Cluster;

/// <summary>The master's task record keeps what a task holds apart only when it differs from what it asked
/// for, and reads back what it was given either way.</summary>
public class TaskEntryTests
{
    private static readonly TaskSpec Spec = new(new TaskId("t1"), R.Parse("cpus:1;mem:128"), Duration.FromMinutes(1));

    [Test]
    public void ATaskHoldingWhatItAskedFor_IsOneSmallObject()
    {
        var asked = Spec.Resources;
        // Warm the type up, so that its first construction's one-off costs are not counted.
        _ = new TaskEntry(new FrameworkId(0), new AgentId(0), Spec, Time.Zero) { Held = asked, Role = "*" };
        long before = GC.GetAllocatedBytesForCurrentThread();
        var entry = new TaskEntry(new FrameworkId(0), new AgentId(0), Spec, Time.Zero) { Held = asked, HeldReserved = R.Empty, Role = "*" };
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.That(after - before, Is.EqualTo(64));
        Assert.That(entry.Held, Is.EqualTo(asked));
        Assert.That(entry.HeldReserved, Is.EqualTo(R.Empty));
    }

    [Test]
    public void WhatATaskHolds_ReadsBack_WhenItDiffersFromWhatItAskedFor()
    {
        // A slots policy rounds the task up to whole slots; part of it came from its role's reservation.
        var held = R.Parse("cpus:2;mem:1024");
        var reserved = R.Parse("cpus:1;mem:512");
        var entry = new TaskEntry(new FrameworkId(0), new AgentId(0), Spec, Time.Zero) { Held = held, HeldReserved = reserved, Role = "r" };
        Assert.That((entry.Held, entry.HeldReserved), Is.EqualTo((held, reserved)));
        // In the other order, and with nothing but a reservation differing.
        var other = new TaskEntry(new FrameworkId(0), new AgentId(0), Spec, Time.Zero) { HeldReserved = reserved, Held = held, Role = "r" };
        Assert.That((other.Held, other.HeldReserved), Is.EqualTo((held, reserved)));
        var onReservation = new TaskEntry(new FrameworkId(0), new AgentId(0), Spec, Time.Zero) { Held = Spec.Resources, HeldReserved = Spec.Resources, Role = "r" };
        Assert.That((onReservation.Held, onReservation.HeldReserved), Is.EqualTo((Spec.Resources, Spec.Resources)));
        var unset = new TaskEntry(new FrameworkId(0), new AgentId(0), Spec, Time.Zero) { Role = "r" };
        Assert.That((unset.Held, unset.HeldReserved), Is.EqualTo((Spec.Resources, R.Empty)));
    }
}
