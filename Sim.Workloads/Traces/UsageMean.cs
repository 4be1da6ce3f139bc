namespace ClusterSim.Workloads.Traces;

/// <summary>
/// The weighted means of one task's (or attempt's) usage samples, CPU and memory apart (a sample may carry one
/// and not the other): Google weighs each measurement window by its length (or by the part of it an attempt
/// ran), Alibaba each instance by its duration.
/// </summary>
internal sealed class UsageMean
{
    private double _cpuSum, _cpuWeight, _memSum, _memWeight;

    public void Add(double? cpu, double? mem, double weight)
    {
        if (cpu is { } c)
        {
            _cpuSum += c * weight;
            _cpuWeight += weight;
        }
        if (mem is { } m)
        {
            _memSum += m * weight;
            _memWeight += weight;
        }
    }

    /// <summary>Mean CPU over the samples that had it; null when none did.</summary>
    public double? Cpu => _cpuWeight > 0 ? _cpuSum / _cpuWeight : null;

    public double? Mem => _memWeight > 0 ? _memSum / _memWeight : null;
}
