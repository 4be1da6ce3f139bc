using ClusterSim.Core.Timing;
using MathNet.Numerics.Distributions;

namespace ClusterSim.Workloads.Synthetic;

/// <summary>An arrival process for synthetic jobs. <see cref="RatePerSecond"/> is for Poisson arrivals;
/// <see cref="From"/> and <see cref="To"/> bound uniform arrivals; <see cref="From"/> is the instant of
/// <see cref="ArrivalKind.At"/> and the start of <see cref="ArrivalKind.Every"/>, whose gap is
/// <see cref="Interval"/>.</summary>
public sealed record Arrival(ArrivalKind Kind)
{
    public double RatePerSecond { get; init; }
    public Time From { get; init; }
    public Time To { get; init; }
    public Duration Interval { get; init; }

    /// <summary>The submit times of <paramref name="count"/> jobs, in nondecreasing order.</summary>
    public IEnumerable<Time> Times(int count, System.Random random)
    {
        switch (Kind)
        {
            case ArrivalKind.Poisson:
                {
                    double t = From.Seconds;
                    for (int i = 0; i < count; i++)
                    {
                        t += Exponential.Sample(random, RatePerSecond);
                        yield return Time.FromSeconds(t);
                    }
                    break;
                }
            case ArrivalKind.Uniform:
                {
                    var times = new long[count];
                    for (int i = 0; i < count; i++)
                        times[i] = (long)ContinuousUniform.Sample(random, From.Micros, To.Micros);
                    Array.Sort(times);
                    foreach (var t in times) yield return new Time(t);
                    break;
                }
            case ArrivalKind.At:
                for (int i = 0; i < count; i++) yield return From;
                break;
            case ArrivalKind.Every:
                for (int i = 0; i < count; i++) yield return new Time(From.Micros + Interval.Micros * i);
                break;
        }
    }
}
