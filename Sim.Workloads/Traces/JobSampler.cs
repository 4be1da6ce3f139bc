using ClusterSim.Core.Random;

namespace ClusterSim.Workloads.Traces;

/// <summary>
/// Keeps a seeded fraction of jobs. Whether a job is kept depends only on (seed, job id), never on the
/// order rows arrive in, so a window or a second pass over the trace keeps the same jobs.
/// </summary>
internal sealed class JobSampler(double fraction, long seed)
{
    public bool Keeps(string jobId) =>
        fraction >= 1.0 || RandomStream.For(seed, "trace-sample/" + jobId).NextDouble() < fraction;
}
