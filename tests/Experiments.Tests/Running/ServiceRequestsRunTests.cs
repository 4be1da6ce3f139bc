using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Running;

namespace ClusterSim.Experiments.Tests.Running;

/// <summary>Services with requests in a whole experiment: the bundled M/M/1 check, and what the outputs gain.</summary>
public class ServiceRequestsRunTests
{
    [Test]
    public void The_Mm1ServiceExperiment_MatchesMM1_AndWritesItsCheck()
    {
        using var temp = new TempFolder();
        var runner = new ExperimentRunner(ExperimentParser.ParseFile(RepositoryRoot.Combine("experiments", "mm1-service.yaml")), null, 2);
        var dir = temp.Combine("out");
        var results = runner.Run(dir, runner.Plan());

        var check = Output.ServiceLatencyCheck.Evaluate(results.Single())!;
        Assert.That(check.Analytic, Is.EqualTo(0.2).Within(1e-12));
        Assert.That(check.Passed, Is.True, $"analytic {check.Analytic}, simulated {check.Simulated.Mean} [{check.Simulated.CiLow}, {check.Simulated.CiHigh}]");
        var checks = File.ReadAllLines(Path.Combine(dir, "checks.csv"));
        Assert.That(checks[1], Does.StartWith("base,m-m-1-latency,4,60,0.05,0.2,").And.EndWith(",true"));
        Assert.That(File.ReadAllText(Path.Combine(dir, "report.html")), Does.Contain("M/M/1").And.Contain("latency_p99_s:web"));
        Assert.That(File.ReadAllText(Path.Combine(dir, "service-requests.svg")), Does.Contain("Request latency, 95th percentile"));
    }

    [Test]
    public void A_RequestService_AddsItsLatencyColumns_ToSummaryAndServicesCsv()
    {
        using var temp = new TempFolder();
        var file = temp.Write("exp.yaml", """
            name: small
            seed: 3
            horizon: 20m
            sample: 1m
            cluster:
              agents:
                - { count: 2, resources: "cpus:8;mem:16384" }
            frameworks:
              - name: web
                kind: service
                instance: "cpus:1;mem:1024"
                instances: { min: 1, max: 10, initial: 2 }
                requests: { perSecond: 50, serviceTime: { exponential: { mean: 40ms } } }
                queueLimit: 20
                autoscale: { policy: target-tracking, target: 0.5, every: 30s }

            """);
        var runner = new ExperimentRunner(ExperimentParser.ParseFile(file), null, 1);
        var dir = temp.Combine("out");
        runner.Run(dir, runner.Plan());

        var header = File.ReadLines(Path.Combine(dir, "summary.csv")).First();
        Assert.That(header, Does.Contain("latency_mean_s:web,latency_p95_s:web,latency_p99_s:web,requests_completed:web,requests_dropped:web,requests_queue_full:web,instances_mean:web,scaling_actions:web"));
        var services = File.ReadAllLines(Path.Combine(dir, "runs", "base", "seed-3", "services.csv"));
        Assert.That(services[0], Is.EqualTo("time_s,framework,load,instances,target,utilisation,unserved_load,requests_arrived,requests_completed,requests_dropped,latency_mean_s,latency_p95_s,measured_utilisation,scaling_actions"));
        // 50/s x 40 ms = 2 instance-units at 50%: the autoscaler goes from 2 to about 4 instances.
        var last = services[^1].Split(',');
        Assert.That(int.Parse(last[3]), Is.InRange(4, 5));
        Assert.That(int.Parse(last[^1]), Is.GreaterThan(0));
    }
}
