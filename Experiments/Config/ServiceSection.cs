using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Frameworks;

namespace ClusterSim.Experiments.Config;

/// <summary>
/// Reads a service framework's keys: <c>instance</c>, <c>instances: { min, max, initial }</c>,
/// <c>autoscale: { target, every }</c> and <c>load: { diurnal: { mean, amplitude, period } }</c> or
/// <c>{ constant: N }</c>.
/// </summary>
public static class ServiceSection
{
    /// <summary>The framework keys this section reads.</summary>
    public static readonly string[] Keys = ["instance", "instances", "autoscale", "load"];

    public static ServiceSettings Read(YamlNode f)
    {
        var instance = f.Required("instance", "the instance size, e.g. \"cpus:2;mem:4096\"").Resources();
        if (instance.IsEmpty) throw f.Error("the instance asks for no resources");
        var counts = f.Required("instances", "{ min, max, initial }").WithKeys("min", "max", "initial");
        int Count(string key, int fallback) =>
            counts.Optional(key) is { } n ? (int)n.Integer(0, 1_000_000, "instances") : fallback;
        int min = Count("min", 1), max = Count("max", Math.Max(min, 1)), initial = Count("initial", min);
        if (max < min) throw counts.Error($"max ({max}) is below min ({min})");
        double target = 0.6;
        var every = Duration.FromMinutes(1);
        if (f.Optional("autoscale") is { } a)
        {
            a.WithKeys("target", "every");
            if (a.Optional("target") is { } t)
            {
                target = t.Number("a utilisation between 0 and 1");
                if (!(target > 0 && target <= 1)) throw t.Error($"expected a utilisation in (0, 1], found {target}");
            }
            if (a.Optional("every") is { } e)
            {
                every = e.Duration();
                if (every.Micros <= 0 || every.IsForever) throw e.Error("expected a positive interval");
            }
        }
        var loadNode = f.Required("load", "{ diurnal: { mean, amplitude, period } } or { constant: N }").WithKeys("diurnal", "constant");
        LoadCurve load;
        switch (loadNode.OneOf("diurnal", "constant"))
        {
            case "diurnal":
                var d = loadNode.Required("diurnal", "{ mean, amplitude, period }").WithKeys("mean", "amplitude", "period");
                var period = d.Required("period", "a period such as 24h").Duration();
                if (period.Micros <= 0 || period.IsForever) throw d.Error("expected a positive period");
                load = new LoadCurve(d.Required("mean", "the mean load").Number(), d.Optional("amplitude")?.Number() ?? 0, period);
                break;
            case "constant":
                load = LoadCurve.Constant(loadNode.Required("constant", "a load").Number("a load in instance-units"));
                break;
            default:
                throw loadNode.Error("expected diurnal or constant");
        }
        return new ServiceSettings(instance, min, max, initial, target, every, load);
    }
}
