using ClusterSim.Experiments.Config;
using ClusterSim.Workloads.Services;
using ClusterSim.Workloads.Synthetic;

namespace ClusterSim.Experiments.Tests.Config;

/// <summary>A service's <c>requests:</c>, its balancer, queue, concurrency and request autoscaler, and the
/// M/M/1 check that needs them.</summary>
public class ServiceRequestsSectionTests
{
    private static string Experiment(string service, string checks = "") => $$"""
        name: probe
        seed: 5
        horizon: 1h
        cluster:
          agents:
            - { count: 4, resources: "cpus:8;mem:16384" }
        frameworks:
          - name: web
            kind: service
            instance: "cpus:1;mem:1024"
            instances: { min: 2, max: 20, initial: 4 }
        {{string.Join("\n", service.Split('\n').Select(l => "    " + l))}}
        {{checks}}
        """;

    private static Model.FrameworkSpec Web(string service, string checks = "") =>
        ExperimentParser.Parse("exp.yaml", Experiment(service, checks)).Variants[0].Frameworks[0];

    private static ConfigException Error(string service, string checks = "") =>
        Assert.Throws<ConfigException>(() => ExperimentParser.Parse("exp.yaml", Experiment(service, checks)))!;

    [Test]
    public void Requests_WithADiurnalRate_ABalancer_AQueueLimit_AndTargetTracking_AreRead()
    {
        var web = Web("""
            requests: { perSecond: { diurnal: { mean: 400, amplitude: 300, period: 24h } }, serviceTime: { exponential: { mean: 50ms } } }
            loadBalancer: least-connections
            concurrency: 4
            queueLimit: 100
            autoscale: { policy: target-tracking, metric: latency-p95, target: 200ms, cooldown: 2m, every: 30s }
            """).Service!;

        var r = web.Requests!;
        Assert.That((r.PerSecond.Mean, r.PerSecond.Amplitude, r.PerSecond.Period.Seconds), Is.EqualTo((400.0, 300.0, 86400.0)));
        Assert.That(r.ServiceTime, Is.EqualTo(new Distribution(DistributionKind.Exponential, 0.05)));
        Assert.That((r.Balancer, r.Concurrency, r.QueueLimit), Is.EqualTo((LoadBalancing.LeastConnections, 4, (int?)100)));
        // The offered load in instance-units: 400/s x 50 ms / 4 per instance.
        Assert.That(web.Load.Mean, Is.EqualTo(5).Within(1e-9));
        Assert.That(web.RequestAutoscale!.Policy, Is.EqualTo(new TargetTracking(AutoscaleMetric.LatencyP95, 0.2)));
        Assert.That((web.RequestAutoscale.Every.Seconds, web.RequestAutoscale.Cooldown.Seconds), Is.EqualTo((30.0, 120.0)));
    }

    [Test]
    public void A_StepPolicy_IsRead_WithItsSteps()
    {
        var web = Web("""
            requests: { perSecond: 40, serviceTime: { constant: 20ms } }
            autoscale: { policy: step, steps: [ { above: 0.8, add: 2 }, { below: 0.3, remove: 1 } ], cooldown: 2m }
            """).Service!;

        var policy = (StepScaling)web.RequestAutoscale!.Policy;
        Assert.That(policy.Steps, Is.EqualTo(new[] { new ScalingStep(0.8, 2), new ScalingStep(0.3, -1) }));
        Assert.That(web.Requests!.Balancer, Is.EqualTo(LoadBalancing.Random), "random unless stated");
    }

    [Test]
    public void Without_Autoscale_ARequestService_KeepsItsInstanceCount()
    {
        var web = Web("requests: { perSecond: 40, serviceTime: { constant: 20ms } }").Service!;
        Assert.That(web.RequestAutoscale, Is.Null);
    }

    [Test]
    public void Load_And_Requests_AreExclusive()
    {
        var e = Error("""
            load: { constant: 3 }
            requests: { perSecond: 40, serviceTime: { constant: 20ms } }
            """);
        Assert.That(e.Message, Does.StartWith("exp.yaml:12:").And.Contain("frameworks[0].load").And.Contain("either load:"));
    }

    [Test]
    public void An_UnknownBalancer_IsNamed_WithTheChoices()
    {
        var e = Error("""
            requests: { perSecond: 40, serviceTime: { constant: 20ms } }
            loadBalancer: fastest
            """);
        Assert.That(e.Message, Does.StartWith("exp.yaml:13:").And.Contain("loadBalancer").And.Contain("random, round-robin or least-connections"));
    }

    [Test]
    public void RequestKeys_WithoutRequests_AreRefused()
    {
        var e = Error("""
            load: { constant: 3 }
            queueLimit: 10
            """);
        Assert.That(e.Message, Does.Contain("queueLimit").And.Contain("services with requests:"));
        var policy = Error("""
            load: { constant: 3 }
            autoscale: { policy: step }
            """);
        Assert.That(policy.Message, Does.Contain("autoscale.policy").And.Contain("services with requests:"));
    }

    [Test]
    public void A_StepPolicy_ThatWouldFlap_IsRefused()
    {
        var e = Error("""
            requests: { perSecond: 40, serviceTime: { constant: 20ms } }
            autoscale: { policy: step, steps: [ { above: 0.5, add: 1 }, { below: 0.6, remove: 1 } ] }
            """);
        Assert.That(e.Message, Does.Contain("autoscale.steps").And.Contain("would flap"));
    }

    [Test]
    public void A_LatencyTarget_IsADuration()
    {
        var e = Error("""
            requests: { perSecond: 40, serviceTime: { constant: 20ms } }
            autoscale: { metric: latency-p95, target: 0.2 }
            """);
        Assert.That(e.Message, Does.Contain("autoscale.target").And.Contain("duration"));
    }

    [Test]
    public void The_Mm1Check_RefusesAServiceItDoesNotDescribe()
    {
        var e = Error("""
            requests: { perSecond: 40, serviceTime: { exponential: { mean: 20ms } } }
            loadBalancer: round-robin
            """, "checks: { mm1: { framework: web } }");
        Assert.That(e.Message, Does.Contain("checks.mm1.framework").And.Contain("loadBalancer: random"));
        var overloaded = Error("requests: { perSecond: 400, serviceTime: { exponential: { mean: 20ms } } }", "checks: { mm1: { framework: web } }");
        Assert.That(overloaded.Message, Does.Contain("overloaded"));
    }
}
