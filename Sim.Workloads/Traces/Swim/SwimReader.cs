using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Model;

namespace ClusterSim.Workloads.Traces.Swim;

/// <summary>
/// Reads a SWIM workload (TSV without header: job id, submit time (s), gap (s), map input bytes, shuffle
/// bytes, reduce output bytes), streaming it through CsvHelper. Each job becomes one arrival of map tasks
/// followed by reduce tasks whose <see cref="WorkloadTask.Parents"/> are all the job's maps (a reduce
/// starts only after every map finished), sized by <see cref="SwimTaskModel"/>.
/// </summary>
/// <remarks>
/// Rules, in order: submit outside [from, to) → <see cref="SkipReason.OutsideWindow"/>; not sampled →
/// <see cref="SkipReason.SampledOut"/>; all byte counts 0 → <see cref="SkipReason.NoData"/>.
/// A negative byte count or a submit time earlier than the previous row's is malformed. SWIM has no
/// machines: <see cref="ReadMachines"/> is empty (the published workloads name a cluster size, e.g. 600
/// machines for FB-2009, which an experiment configures itself).
/// </remarks>
public sealed class SwimReader : ITraceReader
{
    internal static readonly string[] Fields =
        ["job id", "submit time", "gap", "map input bytes", "shuffle bytes", "reduce output bytes"];

    private const int JobId = 0, Submit = 1, Gap = 2, Input = 3, Shuffle = 4, Output = 5;

    private readonly SwimOptions _options;

    public SwimReader(string path, SwimOptions? options = null)
    {
        Path = path;
        _options = options ?? new SwimOptions();
        _options.Trace.Validated();
        _options.Model.Validated();
    }

    public TraceFormat Format => TraceFormat.Swim;
    public string Path { get; }

    public IEnumerable<MachineEvent> ReadMachines(TraceReport report) => [];

    public IEnumerable<WorkloadJob> ReadJobs(TraceReport report)
    {
        var clock = new TraceClock(_options.Trace);
        var sampler = new JobSampler(_options.Trace.SampleFraction, _options.Trace.Seed);
        double previousSubmit = double.NegativeInfinity;
        report.AddFile(Path);
        report.SetScaling($"no sizes in the trace: every map and reduce task asks for {_options.Model.TaskSize} (SWIM task model)");
        report.CountTraceJobs(0);
        foreach (var row in DelimitedTraceFile.Rows(Path, '\t', Fields))
        {
            report.AddRow();
            report.CountTraceJobs();
            string id = row.Text(JobId);
            double submit = row.Double(Submit, 0, TraceLimits.MaxSeconds);
            row.Double(Gap); // unused, but checked like every field
            if (submit < previousSubmit)
                throw row.Error(Submit, $"jobs in submit order (at least {previousSubmit})", $"{submit}");
            previousSubmit = submit;
            long input = Bytes(row, Input), shuffle = Bytes(row, Shuffle), output = Bytes(row, Output);
            CheckTaskCount(row, Input, input, _options.Model.BlockBytes, "map");
            CheckTaskCount(row, Shuffle, shuffle, _options.Model.ShuffleBytesPerReduce, "reduce");
            long submitMicros = Duration.FromSeconds(submit).Micros;
            if (!clock.InWindow(submitMicros)) report.Skip(SkipReason.OutsideWindow);
            else if (!sampler.Keeps(id)) report.Skip(SkipReason.SampledOut);
            else if (input + shuffle + output == 0) report.Skip(SkipReason.NoData);
            else yield return Job(id, clock.ToReplay(submitMicros), input, shuffle, output, clock, report);
        }
    }

    private WorkloadJob Job(string id, Time submit, long input, long shuffle, long output, TraceClock clock,
        TraceReport report)
    {
        var model = _options.Model;
        int maps = model.Maps(input, shuffle, output), reduces = model.Reduces(shuffle);
        var mapDuration = clock.Scale(model.MapDuration(input, output, maps, reduces));
        var tasks = new WorkloadTask[maps + reduces];
        for (int i = 0; i < maps; i++)
            tasks[i] = new WorkloadTask(i, "map", model.TaskSize, mapDuration, submit, 0, TaskOutcome.Finished,
                WorkloadTask.NoParents);
        if (reduces > 0)
        {
            var reduceDuration = clock.Scale(model.ReduceDuration(shuffle, output, reduces));
            // One list shared by all reduces: every reduce waits for every map (the shuffle barrier).
            var allMaps = Enumerable.Range(0, maps).ToArray();
            for (int i = maps; i < tasks.Length; i++)
                tasks[i] = new WorkloadTask(i, "reduce", model.TaskSize, reduceDuration, submit, 0,
                    TaskOutcome.Finished, allMaps);
        }
        report.AddJob();
        report.AddArrival(tasks.Length);
        return new WorkloadJob(id, submit, tasks);
    }

    /// <summary>A byte count from 0 to 2^50 (1 PiB; the FB-2009 sample's largest job reads about 7 TB).</summary>
    private static long Bytes(TraceRecord row, int field)
    {
        const long max = 1L << 50;
        long v = row.Long(field);
        if (v < 0 || v > max) throw row.Error(field, $"a byte count from 0 to {max}", $"{v}");
        return v;
    }

    private static void CheckTaskCount(TraceRecord row, int field, long bytes, long bytesPerTask, string kind)
    {
        if (bytes / bytesPerTask >= TraceLimits.MaxTasksPerJob)
            throw row.Error(field, $"at most {TraceLimits.MaxTasksPerJob} {kind} tasks of {bytesPerTask} bytes",
                $"{bytes} bytes");
    }
}
