using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Frameworks;
using ClusterSim.Workloads.Services;

namespace ClusterSim.Experiments.Config;

/// <summary>
/// Reads a service framework's keys: <c>instance</c>, <c>instances: { min, max, initial }</c>, and either
/// <c>load: { diurnal: { mean, amplitude, period } }</c> or <c>{ constant: N }</c> (instance-units) with
/// <c>autoscale: { target, every }</c>, or <c>requests: { perSecond, serviceTime }</c> with
/// <c>loadBalancer</c>, <c>concurrency</c>, <c>queueLimit</c> and <c>autoscale: { policy: target-tracking,
/// metric, target, every, cooldown }</c> or <c>{ policy: step, metric, steps, every, cooldown }</c>.
/// </summary>
public static class ServiceSection
{
    /// <summary>The framework keys this section reads.</summary>
    public static readonly string[] Keys = ["instance", "instances", "autoscale", "load", "requests", "loadBalancer", "concurrency", "queueLimit"];

    private static readonly string[] RequestOnlyKeys = ["loadBalancer", "concurrency", "queueLimit"];

    /// <summary>The highest request rate a service may ask for: a day at this rate is already 8.6e11 requests.</summary>
    private const double MaxPerSecond = 10_000_000;

    public static ServiceSettings Read(YamlNode f)
    {
        var instance = f.Required("instance", "the instance size, e.g. \"cpus:2;mem:4096\"").Resources();
        if (instance.IsEmpty) throw f.Error("the instance asks for no resources");
        var counts = f.Required("instances", "{ min, max, initial }").WithKeys("min", "max", "initial");
        int Count(string key, int fallback) =>
            counts.Optional(key) is { } n ? (int)n.Integer(0, 1_000_000, "instances") : fallback;
        int min = Count("min", 1), max = Count("max", Math.Max(min, 1)), initial = Count("initial", min);
        if (max < min) throw counts.Error($"max ({max}) is below min ({min})");
        if (f.Optional("requests") is { } requests) return ReadRequests(f, requests, instance, min, max, initial);
        foreach (var key in RequestOnlyKeys)
            if (f.Optional(key) is { } extra) throw extra.Error($"{key} applies to services with requests:");

        double target = 0.6;
        var every = Duration.FromMinutes(1);
        if (f.Optional("autoscale") is { } a)
        {
            a.WithKeys("target", "every", "policy", "metric", "cooldown", "steps");
            foreach (var key in new[] { "policy", "metric", "cooldown", "steps" })
                if (a.Optional(key) is { } extra) throw extra.Error($"{key} applies to services with requests:; the instance-unit autoscaler takes target and every");
            if (a.Optional("target") is { } t) target = Utilisation(t);
            if (a.Optional("every") is { } e) every = Interval(e);
        }
        var load = Curve(f.Required("load", "{ diurnal: { mean, amplitude, period } } or { constant: N }"), "a load in instance-units");
        return new ServiceSettings(instance, min, max, initial, target, every, load);
    }

    private static ServiceSettings ReadRequests(YamlNode f, YamlNode r, Core.Resources.Resources instance, int min, int max, int initial)
    {
        if (f.Optional("load") is { } load) throw load.Error("a service has either load: (instance-units) or requests:, not both");
        r.WithKeys("perSecond", "serviceTime");
        var perSecond = Curve(r.Required("perSecond", "a rate such as 400, { constant: 400 } or { diurnal: { mean, amplitude, period } }"), "requests per second");
        if (perSecond.Mean + Math.Abs(perSecond.Amplitude) > MaxPerSecond)
            throw r.Required("perSecond", "a rate").Error($"expected at most {MaxPerSecond:0} requests per second at the peak");
        var serviceNode = r.Required("serviceTime", "a distribution of durations, e.g. { exponential: { mean: 50ms } }");
        var serviceTime = DistributionSection.Read(serviceNode, n => n.Duration().Seconds);
        if (!(serviceTime.Mean > 0 && double.IsFinite(serviceTime.Mean)))
            throw serviceNode.Error("expected a service time with a positive, finite mean");

        var balancer = LoadBalancing.Random;
        if (f.Optional("loadBalancer") is { } lb)
            balancer = lb.Text() switch
            {
                "random" => LoadBalancing.Random,
                "round-robin" => LoadBalancing.RoundRobin,
                "least-connections" => LoadBalancing.LeastConnections,
                var other => throw lb.Error($"unknown load balancer '{other}'; expected random, round-robin or least-connections"),
            };
        int concurrency = 1;
        if (f.Optional("concurrency") is { } c)
        {
            long v = c.Integer("requests one instance serves at once");
            if (v < 1 || v > 100_000) throw c.Error($"expected 1 to 100000, found {v}");
            concurrency = (int)v;
        }
        int? queueLimit = null;
        if (f.Optional("queueLimit") is { } q)
        {
            long v = q.Integer("how many requests may wait at one instance");
            if (v < 0 || v > 100_000_000) throw q.Error($"expected 0 to 100000000, found {v}");
            queueLimit = (int)v;
        }
        var settings = new RequestSettings(perSecond, serviceTime, balancer, concurrency, queueLimit);
        return new ServiceSettings(instance, min, max, initial, 0.6, Duration.FromMinutes(1), settings.OfferedLoad)
        {
            Requests = settings,
            RequestAutoscale = f.Optional("autoscale") is { } a ? Autoscale(a) : null,
        };
    }

    private static RequestAutoscale Autoscale(YamlNode a)
    {
        a.WithKeys("policy", "metric", "target", "every", "cooldown", "steps");
        var metric = AutoscaleMetric.Utilisation;
        if (a.Optional("metric") is { } m)
            metric = m.Text() switch
            {
                "utilisation" => AutoscaleMetric.Utilisation,
                "latency-p95" => AutoscaleMetric.LatencyP95,
                var other => throw m.Error($"unknown metric '{other}'; expected utilisation or latency-p95"),
            };
        double Threshold(YamlNode n) => metric == AutoscaleMetric.Utilisation ? Utilisation(n, allowAboveOne: true) : Latency(n);
        var every = a.Optional("every") is { } e ? Interval(e) : Duration.FromSeconds(30);
        var cooldown = a.Optional("cooldown")?.Duration() ?? Duration.Zero;
        if (cooldown.IsForever) throw a.Required("cooldown", "a duration").Error("expected a finite cooldown");
        var policyNode = a.Optional("policy");
        IScalingPolicy policy;
        switch (policyNode?.Text() ?? "target-tracking")
        {
            case "target-tracking":
                {
                    if (a.Optional("steps") is { } s) throw s.Error("steps apply to policy: step");
                    var t = a.Optional("target");
                    if (t == null && metric == AutoscaleMetric.LatencyP95) throw a.Error("target: missing; expected the p95 latency to keep, e.g. 200ms");
                    policy = new TargetTracking(metric, t == null ? 0.6 : Threshold(t));
                    break;
                }
            case "step":
                {
                    if (a.Optional("target") is { } t) throw t.Error("target applies to policy: target-tracking; a step policy has steps");
                    var stepsNode = a.Required("steps", "a list of { above, add } and { below, remove }");
                    var steps = new List<ScalingStep>();
                    foreach (var s in stepsNode.Items())
                    {
                        s.WithKeys("above", "add", "below", "remove");
                        switch (s.OneOf("above", "below"))
                        {
                            case "above":
                                if (s.Optional("remove") is { } rm) throw rm.Error("a step above a threshold adds instances (add:)");
                                steps.Add(new ScalingStep(Threshold(s.Required("above", "a threshold")), StepSize(s.Required("add", "how many instances to add"))));
                                break;
                            case "below":
                                if (s.Optional("add") is { } ad) throw ad.Error("a step below a threshold removes instances (remove:)");
                                steps.Add(new ScalingStep(Threshold(s.Required("below", "a threshold")), -StepSize(s.Required("remove", "how many instances to remove"))));
                                break;
                            default:
                                throw s.Error("expected { above: X, add: N } or { below: X, remove: N }");
                        }
                    }
                    if (steps.Count == 0) throw stepsNode.Error("expected at least one step");
                    double lowestOut = steps.Where(x => x.IsScaleOut).Select(x => x.Threshold).DefaultIfEmpty(double.PositiveInfinity).Min();
                    double highestIn = steps.Where(x => !x.IsScaleOut).Select(x => x.Threshold).DefaultIfEmpty(double.NegativeInfinity).Max();
                    if (highestIn > lowestOut)
                        throw stepsNode.Error($"a scale-in threshold ({highestIn}) is above a scale-out threshold ({lowestOut}); the policy would flap");
                    policy = new StepScaling(metric, steps);
                    break;
                }
            default:
                throw policyNode!.Error($"unknown policy '{policyNode.Text()}'; expected target-tracking or step");
        }
        return new RequestAutoscale(policy, every, cooldown);
    }

    private static int StepSize(YamlNode n)
    {
        long v = n.Integer("an instance count");
        if (v < 1 || v > 1_000_000) throw n.Error($"expected 1 to 1000000, found {v}");
        return (int)v;
    }

    private static double Utilisation(YamlNode n, bool allowAboveOne = false)
    {
        double v = n.Number("a utilisation between 0 and 1");
        if (!(v > 0 && (allowAboveOne || v <= 1))) throw n.Error($"expected a utilisation in (0, 1], found {v}");
        return v;
    }

    private static double Latency(YamlNode n)
    {
        var d = n.Duration();
        if (d.Micros <= 0 || d.IsForever) throw n.Error("expected a positive latency such as 200ms");
        return d.Seconds;
    }

    private static Duration Interval(YamlNode e)
    {
        var every = e.Duration();
        if (every.Micros <= 0 || every.IsForever) throw e.Error("expected a positive interval");
        return every;
    }

    /// <summary>A curve over time: a plain number, <c>{ constant: N }</c> or <c>{ diurnal: { mean,
    /// amplitude, period } }</c>.</summary>
    private static LoadCurve Curve(YamlNode node, string unit)
    {
        if (node.IsScalar) return LoadCurve.Constant(NonNegative(node, unit));
        node.WithKeys("diurnal", "constant");
        switch (node.OneOf("diurnal", "constant"))
        {
            case "diurnal":
                var d = node.Required("diurnal", "{ mean, amplitude, period }").WithKeys("mean", "amplitude", "period");
                var period = d.Required("period", "a period such as 24h").Duration();
                if (period.Micros <= 0 || period.IsForever) throw d.Error("expected a positive period");
                return new LoadCurve(d.Required("mean", "the mean load").Number(), d.Optional("amplitude")?.Number() ?? 0, period);
            case "constant":
                return LoadCurve.Constant(node.Required("constant", "a load").Number(unit));
            default:
                throw node.Error("expected diurnal or constant");
        }
    }

    private static double NonNegative(YamlNode n, string unit)
    {
        double v = n.Number(unit);
        if (v < 0) throw n.Error($"expected {unit} of zero or more, found {v}");
        return v;
    }
}
