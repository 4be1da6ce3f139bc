using ClusterSim.Workloads.Services;

namespace ClusterSim.Workloads.Tests.Services;

public class ScalingPolicyTests
{
    private static readonly TargetTracking Tracking = new(AutoscaleMetric.Utilisation, 0.6);

    [Test]
    public void TargetTracking_ScalesOutInProportion_AtOnce()
    {
        // 10 serving at 0.9 against 0.6: ceil(10 x 0.9 / 0.6) = 15.
        Assert.That(Tracking.Desired(target: 10, serving: 10, metric: 0.9), Is.EqualTo(15));
    }

    [Test]
    public void TargetTracking_DoesNotGiveUpInstancesStillWaitingForOffers_WhenScalingOut()
    {
        // The target is already 20, only 10 serve: a proportional 15 must not cancel the 10 pending.
        Assert.That(Tracking.Desired(target: 20, serving: 10, metric: 0.9), Is.EqualTo(20));
    }

    [Test]
    public void TargetTracking_ScalesInByAtMostATenth()
    {
        // Proportionally 40 x 0.15 / 0.6 = 10, but at most 4 of 40 go per action.
        Assert.That(Tracking.Desired(target: 40, serving: 40, metric: 0.15), Is.EqualTo(36));
        Assert.That(Tracking.Desired(target: 5, serving: 5, metric: 0.1), Is.EqualTo(4));
    }

    [Test]
    public void TargetTracking_AtTheTarget_KeepsTheTarget()
    {
        Assert.That(Tracking.Desired(target: 12, serving: 10, metric: 0.6), Is.EqualTo(12));
    }

    [Test]
    public void StepScaling_TakesTheHighestStepExceeded_OrTheLowestScaleInStep()
    {
        var steps = new StepScaling(AutoscaleMetric.Utilisation,
            [new ScalingStep(0.7, 2), new ScalingStep(0.8, 5), new ScalingStep(0.4, -1), new ScalingStep(0.2, -3)]);
        Assert.That(steps.Desired(10, 10, 0.85), Is.EqualTo(15));
        Assert.That(steps.Desired(10, 10, 0.75), Is.EqualTo(12));
        Assert.That(steps.Desired(10, 10, 0.5), Is.EqualTo(10));
        Assert.That(steps.Desired(10, 10, 0.3), Is.EqualTo(9));
        Assert.That(steps.Desired(10, 10, 0.1), Is.EqualTo(7));
    }
}
