using ClusterSim.Allocators;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Frameworks;
using ClusterSim.Workloads.Services;
using ClusterSim.Workloads.Synthetic;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Workloads.Tests.Services;

/// <summary>
/// Services whose load is simulated request by request, on a simulated master: queueing theory where it has
/// an answer (M/M/1), and what the balancers, queue limits, placement and autoscaling do to latency.
/// </summary>
public class RequestTrafficTests
{
    private static RequestSettings Poisson(double perSecond, double meanService, LoadBalancing balancer = LoadBalancing.Random,
        int? queueLimit = null) =>
        new(LoadCurve.Constant(perSecond), new Distribution(DistributionKind.Exponential, meanService), balancer, 1, queueLimit);

    private static (SimLoop Loop, HostedCluster Cluster) Cluster(int agents, Duration? registerAt = null)
    {
        var loop = new SimLoop();
        var options = new AllocationOptions();
        var cluster = new HostedCluster(loop, AllocationPolicies.Create(loop, options, 1), options);
        cluster.Start();
        void Register()
        {
            for (int i = 0; i < agents; i++) new SimulatedAgent(loop, cluster.Master).Register(AgentInfo.Of($"a{i}", "cpus:8;mem:16384"));
        }
        if (registerAt is { } at) loop.At(Time.Zero + at, Register);
        else Register();
        return (loop, cluster);
    }

    private static ServiceFramework Service(SimLoop loop, HostedCluster cluster, RequestSettings requests, int instances,
        RequestAutoscale? autoscale = null, int max = 0, long seed = 1)
    {
        // An autoscaled service may go down to one instance.
        int min = autoscale == null ? instances : 1;
        var settings = new ServiceSettings(R.Of(cpus: 1, mem: 1024), min, Math.Max(max, instances), instances, 0.6,
            Duration.FromMinutes(1), requests.OfferedLoad)
        {
            Requests = requests,
            RequestAutoscale = autoscale,
            Seed = seed,
        };
        var service = (ServiceFramework)new FrameworkFleet(loop, cluster).Add(FrameworkKind.Service, new FrameworkSettings("web", "web"),
            service: settings);
        service.Start([]);
        return service;
    }

    private static RequestTraffic Run(RequestSettings requests, int instances, Duration horizon, long seed = 1)
    {
        var (loop, cluster) = Cluster(agents: 2);
        var service = Service(loop, cluster, requests, instances, seed: seed);
        var traffic = service.Traffic!;
        traffic.Window = (60, null);
        loop.RunUntil(Time.Zero + horizon);
        traffic.SettleAll();
        return traffic;
    }

    [Test]
    public void FixedInstances_RandomRouting_ExponentialService_MeanLatencyIsMM1s()
    {
        // n = 4, lambda = 60/s, mu = 20/s: each instance is M/M/1 at lambda/n = 15/s, mean sojourn
        // 1/(mu - lambda/n) = 0.2 s, sojourn times exponential with rate 5/s (p95 = ln 20 / 5).
        var traffic = Run(Poisson(60, 0.05), instances: 4, Duration.FromHours(6));

        Assert.That(traffic.Completed, Is.GreaterThan(1_200_000));
        Assert.That(traffic.Latency.Mean, Is.EqualTo(0.2).Within(2.5).Percent);
        Assert.That(traffic.Latency.Quantile(0.95), Is.EqualTo(Math.Log(20) / 5).Within(3).Percent);
        Assert.That(traffic.Dropped, Is.Zero);
    }

    [Test]
    public void TheSameSeed_GivesTheSameRequests_AndAnotherBalancer_SeesTheSameArrivals()
    {
        var a = Run(Poisson(40, 0.05), instances: 3, Duration.FromMinutes(20));
        var b = Run(Poisson(40, 0.05), instances: 3, Duration.FromMinutes(20));
        var c = Run(Poisson(40, 0.05, LoadBalancing.RoundRobin), instances: 3, Duration.FromMinutes(20));

        Assert.That(b.Latency.Sum, Is.EqualTo(a.Latency.Sum));
        Assert.That(b.Completed, Is.EqualTo(a.Completed));
        Assert.That(c.Arrived, Is.EqualTo(a.Arrived));
        Assert.That(c.Latency.Sum, Is.Not.EqualTo(a.Latency.Sum));
    }

    [Test]
    public void LeastConnections_BeatsRoundRobin_WhichBeatsRandom_OnMeanLatency()
    {
        var horizon = Duration.FromHours(1);
        double random = Run(Poisson(60, 0.05), 4, horizon).Latency.Mean;
        double roundRobin = Run(Poisson(60, 0.05, LoadBalancing.RoundRobin), 4, horizon).Latency.Mean;
        double least = Run(Poisson(60, 0.05, LoadBalancing.LeastConnections), 4, horizon).Latency.Mean;

        Assert.That(roundRobin, Is.LessThan(random * 0.8));
        Assert.That(least, Is.LessThan(roundRobin * 0.8));
    }

    [Test]
    public void AFullQueue_DropsTheRequest_AndBoundsLatency()
    {
        // One instance offered twice what it serves (lambda = 40, mu = 20): about half the requests find its
        // queue of 5 full, and none waits behind more than 5.
        var traffic = Run(Poisson(40, 0.05, queueLimit: 5), instances: 1, Duration.FromHours(1));

        Assert.That(traffic.QueueFull, Is.EqualTo(traffic.Dropped));
        Assert.That((double)traffic.Dropped / traffic.Arrived, Is.EqualTo(0.5).Within(0.03));
        // At most 6 exponential services of 50 ms in the system ahead and including oneself.
        Assert.That(traffic.Latency.Mean, Is.LessThan(6 * 0.05));
    }

    [Test]
    public void RequestsBeforeAnyInstanceStarts_AreDropped_SoSlowPlacementShowsUp()
    {
        // No agent until 60 s: nothing can serve, every request is dropped; once the instances run, none is.
        var (loop, cluster) = Cluster(agents: 1, registerAt: Duration.FromSeconds(60));
        var traffic = Service(loop, cluster, Poisson(20, 0.05), instances: 2).Traffic!;

        loop.RunUntil(Time.Zero + Duration.FromSeconds(59));
        traffic.SettleAll();
        Assert.That(traffic.Arrived, Is.GreaterThan(1000));
        Assert.That(traffic.Dropped, Is.EqualTo(traffic.Arrived));
        Assert.That(traffic.Serving, Is.Zero);

        loop.RunUntil(Time.Zero + Duration.FromMinutes(2));
        traffic.SettleAll();
        long droppedBefore = traffic.Dropped;
        Assert.That(droppedBefore, Is.LessThan(20 * 65), "the instances serve within seconds of the agent registering");
        loop.RunUntil(Time.Zero + Duration.FromMinutes(10));
        traffic.SettleAll();
        Assert.That(traffic.Serving, Is.EqualTo(2));
        Assert.That(traffic.Dropped, Is.EqualTo(droppedBefore));
        Assert.That(traffic.Completed, Is.GreaterThan(9000));
    }

    [Test]
    public void TargetTracking_FollowsADiurnalRate_WithinItsCooldown()
    {
        // 100 to 500 requests/s of 50 ms: 5 to 25 instance-units, so about 8 to 42 instances at 60%.
        var requests = new RequestSettings(new LoadCurve(300, 200, Duration.FromHours(4)),
            new Distribution(DistributionKind.Exponential, 0.05), LoadBalancing.LeastConnections);
        var autoscale = new RequestAutoscale(new TargetTracking(AutoscaleMetric.Utilisation, 0.6), Duration.FromSeconds(30),
            Duration.FromMinutes(2));
        var (loop, cluster) = Cluster(agents: 8);
        var service = Service(loop, cluster, requests, instances: 10, autoscale, max: 100);

        loop.RunUntil(Time.Zero + Duration.FromHours(1)); // the peak: sin = 1 at a quarter period
        int atPeak = service.Traffic!.Serving;
        loop.RunUntil(Time.Zero + Duration.FromHours(3)); // the trough
        int atTrough = service.Traffic.Serving;

        Assert.That(atPeak, Is.InRange(38, 48));
        Assert.That(atTrough, Is.InRange(7, 12));
        // No two actions within the 2-minute cooldown: at most one per 2 minutes (plus the first).
        Assert.That(service.ScalingActions, Is.InRange(10, 3 * 3600 / 120 + 1));
    }

    [Test]
    public void ScalingIn_DrainsTheRetiredInstance_SoNoRequestIsDropped()
    {
        // 8 instances for 40 requests/s of 50 ms: utilisation 0.25, so target tracking removes instances; what
        // the removed ones held still completes.
        var autoscale = new RequestAutoscale(new TargetTracking(AutoscaleMetric.Utilisation, 0.6), Duration.FromSeconds(30), Duration.Zero);
        var (loop, cluster) = Cluster(agents: 2);
        var service = Service(loop, cluster, Poisson(40, 0.05), instances: 8, autoscale, max: 8);

        loop.RunUntil(Time.Zero + Duration.FromMinutes(30));
        service.Traffic!.SettleAll();

        Assert.That(service.Traffic.Serving, Is.InRange(3, 5));
        Assert.That(service.ScalingActions, Is.GreaterThan(0));
        long droppedWhileStarting = service.Traffic.Dropped;
        Assert.That(droppedWhileStarting, Is.LessThan(100), "only requests before the first instance ran");
        Assert.That(service.Traffic.Completed + service.Traffic.Dropped, Is.InRange(service.Traffic.Arrived - 20, service.Traffic.Arrived));
    }

    [Test]
    public void TargetTracking_OnLatencyP95_ScalesAnOverloadedServiceOut_UntilItsP95MeetsTheTarget()
    {
        // 100 requests/s of 50 ms on 3 instances is overloaded (5 instance-units); least-connections at 7 or
        // more instances keeps p95 near the service time's own (150 ms), below the 250 ms target.
        var autoscale = new RequestAutoscale(new TargetTracking(AutoscaleMetric.LatencyP95, 0.25), Duration.FromSeconds(30),
            Duration.FromMinutes(1));
        var (loop, cluster) = Cluster(agents: 2);
        var service = Service(loop, cluster, Poisson(100, 0.05, LoadBalancing.LeastConnections), instances: 3, autoscale, max: 20);

        loop.RunUntil(Time.Zero + Duration.FromMinutes(30));
        _ = service.Traffic!.TakeInterval();
        loop.RunUntil(Time.Zero + Duration.FromMinutes(40));
        RequestInterval interval = service.Traffic.TakeInterval();

        Assert.That(service.Traffic.Serving, Is.InRange(6, 20));
        Assert.That(interval.LatencyP95, Is.LessThan(0.25));
        Assert.That(service.ScalingActions, Is.GreaterThan(0));
    }

    [Test]
    public void ThinnedArrivals_FollowTheDiurnalRate()
    {
        // 300 +- 200 requests/s over 4 h: the rate integrated over 10 minutes around the peak (t = 1 h) and
        // the trough (t = 3 h), 5 minutes either side (pi/24 of phase), is 600 x (300 +- 200 x sin(pi/24) / (pi/24)):
        // 299,657 and 60,343 (Poisson sd 547 and 246).
        var requests = new RequestSettings(new LoadCurve(300, 200, Duration.FromHours(4)),
            new Distribution(DistributionKind.Exponential, 0.05), LoadBalancing.Random);
        var (loop, cluster) = Cluster(agents: 1);
        var traffic = Service(loop, cluster, requests, instances: 0).Traffic!;
        long Between(double fromMinutes, double toMinutes)
        {
            loop.RunUntil(Time.Zero + Duration.FromMinutes(fromMinutes));
            traffic.TakeInterval();
            loop.RunUntil(Time.Zero + Duration.FromMinutes(toMinutes));
            return traffic.TakeInterval().Arrived;
        }

        double integral = 200 * Math.Sin(Math.PI / 24) / (Math.PI / 24);
        Assert.That(Between(55, 65), Is.EqualTo(600 * (300 + integral)).Within(1).Percent);
        Assert.That(Between(175, 185), Is.EqualTo(600 * (300 - integral)).Within(1.5).Percent);
    }
}
