using ClusterSim.Core.Resources;
using ClusterSim.Core.Timing;

namespace ClusterSim.Workloads.Traces.Swim;

/// <summary>
/// How a SWIM job's byte counts become map and reduce tasks. SWIM records no task counts, durations or
/// sizes (SWIMProjectUCB/SWIM: the workload suite replays bytes through Hadoop), so these parameters are the
/// model, stated here and reported with the results.
/// </summary>
/// <remarks>
/// maps = ceil(input / <see cref="BlockBytes"/>), at least 1 when the job has any bytes at all (Hadoop runs
/// at least one map per job); reduces = ceil(shuffle / <see cref="ShuffleBytesPerReduce"/>), 0 without
/// shuffle (a map-only job: its maps write the output). A map runs
/// max(<see cref="MinTaskDuration"/>, its bytes / <see cref="MapMBPerSecond"/>), where its bytes are its
/// share of the input (plus, in a map-only job, its share of the output); a reduce runs
/// max(<see cref="MinTaskDuration"/>, (shuffle + output) / reduces / <see cref="ReduceMBPerSecond"/>).
/// Every task asks for <see cref="TaskSize"/>. MB means 2^20 bytes.
/// </remarks>
public sealed record SwimTaskModel
{
    public static readonly SwimTaskModel Default = new();

    /// <summary>HDFS block size: one map task per block of input. 128 MB, the Hadoop 2 default.</summary>
    public long BlockBytes { get; init; } = 128L << 20;

    /// <summary>Shuffle bytes per reduce task: 1 GB, a common rule of thumb for sizing reducers.</summary>
    public long ShuffleBytesPerReduce { get; init; } = 1L << 30;

    /// <summary>Bytes a map task processes per second, in MB/s.</summary>
    public double MapMBPerSecond { get; init; } = 50;

    /// <summary>Bytes a reduce task processes (shuffle in, output out) per second, in MB/s.</summary>
    public double ReduceMBPerSecond { get; init; } = 50;

    /// <summary>Shortest task: JVM start and task setup take about a second whatever the data.</summary>
    public Duration MinTaskDuration { get; init; } = Duration.FromSeconds(1);

    /// <summary>What each map and reduce task asks for: one Hadoop container.</summary>
    public Resources TaskSize { get; init; } = Resources.Of(cpus: 1, mem: 2048);

    public SwimTaskModel Validated()
    {
        if (BlockBytes <= 0) throw new ArgumentException($"SWIM block size: expected a positive byte count, found {BlockBytes}");
        if (ShuffleBytesPerReduce <= 0)
            throw new ArgumentException($"SWIM shuffle bytes per reduce: expected a positive byte count, found {ShuffleBytesPerReduce}");
        if (!(MapMBPerSecond > 0) || !(ReduceMBPerSecond > 0))
            throw new ArgumentException($"SWIM task throughput: expected positive MB/s, found map {MapMBPerSecond}, reduce {ReduceMBPerSecond}");
        if (TaskSize.IsEmpty || TaskSize.HasNegative)
            throw new ArgumentException($"SWIM task size: expected a positive request such as cpus:1;mem:2048, found {TaskSize}");
        return this;
    }

    public int Maps(long inputBytes, long shuffleBytes, long outputBytes) =>
        inputBytes + shuffleBytes + outputBytes == 0 ? 0 : checked((int)Math.Max(1, CeilDiv(inputBytes, BlockBytes)));

    public int Reduces(long shuffleBytes) => checked((int)CeilDiv(shuffleBytes, ShuffleBytesPerReduce));

    public Duration MapDuration(long inputBytes, long outputBytes, int maps, int reduces) =>
        Run((inputBytes + (reduces == 0 ? outputBytes : 0)) / (double)maps, MapMBPerSecond);

    public Duration ReduceDuration(long shuffleBytes, long outputBytes, int reduces) =>
        Run((shuffleBytes + outputBytes) / (double)reduces, ReduceMBPerSecond);

    private Duration Run(double bytes, double mbPerSecond) =>
        Duration.Max(MinTaskDuration, Duration.FromSeconds(bytes / (1 << 20) / mbPerSecond));

    private static long CeilDiv(long a, long b) => a <= 0 ? 0 : (a + b - 1) / b;
}
