using System.Globalization;
using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Synthetic;

namespace ClusterSim.Experiments.Config;

/// <summary>
/// Reads a synthetic workload: <c>{ jobs, arrival, tasksPerJob, taskDuration, task }</c>, where arrival is
/// <c>{ poisson: { rate: 2/m } }</c>, <c>{ uniform: [0s, 1h] }</c>, <c>{ at: 0s }</c> or <c>{ every: 30s }</c>.
/// </summary>
public static class SyntheticSection
{
    /// <summary>The most jobs a synthetic workload may have (about 90 times scale-100k.yaml's largest).</summary>
    public const long MaxJobs = 10_000_000;

    public static SyntheticWorkload Read(YamlNode s)
    {
        s.WithKeys("jobs", "arrival", "tasksPerJob", "taskDuration", "task");
        var jobsNode = s.Required("jobs", "a number of jobs");
        long jobs = jobsNode.Integer(0, MaxJobs, "jobs");
        var arrival = ReadArrival(s.Required("arrival", "an arrival process: poisson, uniform, at or every"));
        var tasksPerJob = s.Optional("tasksPerJob") is { } tpj ? DistributionSection.Read(tpj, CountValue) : Distribution.Constant(1);
        var duration = DistributionSection.Read(s.Required("taskDuration", "a distribution of task durations"), SecondsValue);
        var task = s.Required("task", "the task size, e.g. \"cpus:1;mem:2048\"").Resources();
        if (task.IsEmpty) throw s.Error("the task asks for no resources");
        return new SyntheticWorkload((int)jobs, arrival, tasksPerJob, duration, task);
    }

    private static Arrival ReadArrival(YamlNode a)
    {
        a.WithKeys("poisson", "uniform", "at", "every");
        switch (a.OneOf("poisson", "uniform", "at", "every"))
        {
            case "poisson":
                var p = a.Required("poisson", "{ rate: 2/m }").WithKeys("rate");
                return new Arrival(ArrivalKind.Poisson) { RatePerSecond = ReadRate(p.Required("rate", "a rate such as 2/m or 1/10m")) };
            case "uniform":
                var u = a.Required("uniform", "[from, to]");
                var bounds = u.Items();
                if (bounds.Count != 2) throw u.Error("expected [from, to], e.g. [0s, 1h]");
                var from = bounds[0].Duration();
                var to = bounds[1].Duration();
                if (to <= from || to.IsForever) throw u.Error("expected a finite 'to' after 'from'");
                return new Arrival(ArrivalKind.Uniform) { From = Time.Zero + from, To = Time.Zero + to };
            case "at":
                return new Arrival(ArrivalKind.At) { From = Time.Zero + a.Required("at", "a time").Duration() };
            case "every":
                var every = a.Required("every", "an interval");
                var interval = every.Duration();
                if (interval.Micros <= 0 || interval.IsForever) throw every.Error("expected a positive interval");
                return new Arrival(ArrivalKind.Every) { Interval = interval };
            default:
                throw a.Error("expected poisson, uniform, at or every");
        }
    }

    /// <summary>Reads "2/m", "0.39/m", "1/10m" or "5/s" as arrivals per second.</summary>
    private static double ReadRate(YamlNode node)
    {
        var text = node.Text();
        int slash = text.IndexOf('/');
        if (slash < 0) throw node.Error($"expected a rate such as 2/m or 1/10m, found '{text}'");
        if (!double.TryParse(text[..slash], NumberStyles.Float, CultureInfo.InvariantCulture, out var count) || !(count > 0) || double.IsInfinity(count))
            throw node.Error($"expected a positive count before '/', found '{text}'");
        var per = text[(slash + 1)..].Trim();
        if (per.Length > 0 && char.IsLetter(per[0])) per = "1" + per;
        if (!Duration.TryParse(per, out var d, out var error) || d.Micros <= 0 || d.IsForever)
            throw node.Error($"in rate '{text}': {(error.Length > 0 ? error : "expected a positive duration after '/'")}");
        return count / d.Seconds;
    }

    private static double CountValue(YamlNode n) => n.Number("a number");

    private static double SecondsValue(YamlNode n) => n.Text() == "forever" ? double.PositiveInfinity : n.Duration().Seconds;
}
