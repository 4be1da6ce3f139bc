using System.Globalization;
using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Model;

namespace ClusterSim.Workloads.Traces.Swf;

/// <summary>
/// Reads a Standard Workload Format v2.2 log (Parallel Workloads Archive), gzipped or plain, streaming it
/// line by line. Each job becomes a rigid gang: one arrival of <c>allocated processors</c> tasks (the
/// requested processors when the allocation is unknown), each of <see cref="SwfOptions.ProcessorSize"/>,
/// all running for the job's run time.
/// </summary>
/// <remarks>
/// Rules, in the order they apply to a job line (each skip is counted in the report under its reason):
/// submit time -1 → <see cref="SkipReason.UnknownSubmitTime"/>; submit outside [from, to) →
/// <see cref="SkipReason.OutsideWindow"/>; not sampled → <see cref="SkipReason.SampledOut"/>;
/// run time -1 → <see cref="SkipReason.UnknownRunTime"/>; run time 0 → <see cref="SkipReason.ZeroRunTime"/>;
/// allocated and requested processors both unknown or 0 → <see cref="SkipReason.NoProcessors"/>;
/// more processors than the cluster has → <see cref="SkipReason.LargerThanCluster"/>.
/// Status 0 (failed) ends the tasks as Failed, 5 (cancelled) as Killed, anything else as Finished.
/// A line with other than 18 numbers, or a submit time earlier than the previous line's (the format
/// requires submit order), is malformed.
/// </remarks>
public sealed class SwfReader : ITraceReader
{
    /// <summary>The 18 fields of SWF v2.2, in order.</summary>
    internal static readonly string[] Fields =
    [
        "job number", "submit time", "wait time", "run time", "allocated processors", "average CPU time",
        "used memory", "requested processors", "requested time", "requested memory", "status", "user id",
        "group id", "executable number", "queue number", "partition number", "preceding job number",
        "think time",
    ];

    // Largest magnitude of a field: 2^53, below which every integer is exact in a double (and casts to long).
    private const double MaxValue = 9007199254740992;

    private const int JobNumber = 0, SubmitTime = 1, RunTime = 3, AllocatedProcs = 4, RequestedProcs = 7,
        Status = 10, UserId = 11;

    private readonly SwfOptions _options;

    public SwfReader(string path, SwfOptions? options = null)
    {
        Path = path;
        _options = (options ?? new SwfOptions()).Validated();
    }

    public TraceFormat Format => TraceFormat.Swf;
    public string Path { get; }

    /// <summary>
    /// Cluster size in processors: <see cref="SwfOptions.Processors"/>, else the header's MaxProcs, else its
    /// MaxNodes; from 1 to <see cref="SwfOptions.MaxProcessors"/>.
    /// </summary>
    public long Processors(SwfHeader header)
    {
        if (_options.Processors is { } configured) return configured;
        var key = header.MaxProcs is not null ? "MaxProcs" : "MaxNodes";
        long processors = header.MaxProcs ?? header.MaxNodes ?? throw new TraceFormatException(Path, 1,
            "MaxProcs", "the cluster's size: a '; MaxProcs: N' or '; MaxNodes: N' header line before the first job " +
            "(SWF v2.2 header), or the trace key 'processors: N' in the experiment file", "neither");
        if (processors < 1 || processors > SwfOptions.MaxProcessors)
            throw new TraceFormatException(Path, header.LineOf(key) ?? 1, key,
                $"a number of processors from 1 to {SwfOptions.MaxProcessors}",
                processors.ToString(CultureInfo.InvariantCulture));
        return processors;
    }

    /// <summary>
    /// The cluster at time 0: MaxNodes machines of MaxProcs/MaxNodes processors each when the header has both
    /// and they divide evenly, else one machine per processor.
    /// </summary>
    public IEnumerable<MachineEvent> ReadMachines(TraceReport report)
    {
        var header = SwfHeader.Read(Path);
        long processors = Processors(header);
        long nodes = processors, perNode = 1;
        if (_options.Processors is null && header.MaxNodes is > 0 and var n && processors % n == 0)
        {
            nodes = n;
            perNode = processors / n;
        }
        if (header.MaxNodes is > 0 and var declared) report.CountTraceMachines(declared);
        var capacity = _options.ProcessorSize * checked((int)perNode);
        for (long i = 0; i < nodes; i++)
        {
            report.AddMachine();
            report.AddMachineEvent();
            yield return new MachineEvent(Time.Zero, "node" + i.ToString(CultureInfo.InvariantCulture),
                MachineChange.Add, capacity);
        }
    }

    public IEnumerable<WorkloadJob> ReadJobs(TraceReport report)
    {
        var header = SwfHeader.Read(Path);
        long clusterProcessors = Processors(header);
        var clock = new TraceClock(_options.Trace);
        var sampler = new JobSampler(_options.Trace.SampleFraction, _options.Trace.Seed);
        report.AddFile(Path);
        report.SetScaling(Scaling);
        report.CountTraceJobs(0);
        report.CountTraceTasks(0);
        using var text = TraceFile.OpenText(Path);
        var values = new double[Fields.Length];
        double previousSubmit = double.NegativeInfinity;
        long lineNumber = 0;
        while (text.ReadLine() is { } line)
        {
            lineNumber++;
            if (!ParseJobLine(line, lineNumber, values)) continue;
            report.AddRow();
            report.CountTraceJobs();
            report.CountTraceTasks(JobProcessors(values));
            double submit = values[SubmitTime];
            if (submit == -1)
            {
                report.Skip(SkipReason.UnknownSubmitTime);
                continue;
            }
            if (submit < previousSubmit)
                throw new TraceFormatException(Path, lineNumber, Fields[SubmitTime],
                    $"jobs in submit order (a value of at least {previousSubmit.ToString(CultureInfo.InvariantCulture)})",
                    $"{submit.ToString(CultureInfo.InvariantCulture)}");
            previousSubmit = submit;
            if (Skipped(report, values, clock, sampler, clusterProcessors, out long processors)) continue;
            yield return Job(values, clock, processors, report);
        }
    }

    private static bool Skipped(TraceReport report, double[] v, TraceClock clock, JobSampler sampler,
        long clusterProcessors, out long processors)
    {
        processors = JobProcessors(v);
        SkipReason? reason =
            !clock.InWindow(Micros(v[SubmitTime])) ? SkipReason.OutsideWindow
            : !sampler.Keeps(Id(v)) ? SkipReason.SampledOut
            : v[RunTime] < 0 ? SkipReason.UnknownRunTime
            : v[RunTime] == 0 ? SkipReason.ZeroRunTime
            : processors == 0 ? SkipReason.NoProcessors
            : processors > clusterProcessors ? SkipReason.LargerThanCluster
            : null;
        if (reason is { } r) report.Skip(r);
        return reason is not null;
    }

    private WorkloadJob Job(double[] v, TraceClock clock, long processors, TraceReport report)
    {
        var submit = clock.ToReplay(Micros(v[SubmitTime]));
        var duration = clock.Scale(Duration.FromSeconds(v[RunTime]));
        var outcome = v[Status] switch { 0 => TaskOutcome.Failed, 5 => TaskOutcome.Killed, _ => TaskOutcome.Finished };
        var tasks = new WorkloadTask[processors];
        for (int i = 0; i < tasks.Length; i++)
            tasks[i] = new WorkloadTask(i, "", _options.ProcessorSize, duration, submit, 0, outcome,
                WorkloadTask.NoParents);
        report.AddJob();
        report.AddArrival(tasks.Length);
        string? user = v[UserId] >= 0 ? ((long)v[UserId]).ToString(CultureInfo.InvariantCulture) : null;
        return new WorkloadJob(Id(v), submit, tasks, user);
    }

    /// <summary>A job's processors: allocated, else requested (0 when neither is known).</summary>
    private static long JobProcessors(double[] v) =>
        v[AllocatedProcs] > 0 ? (long)v[AllocatedProcs] : (long)Math.Max(0, v[RequestedProcs]);

    private string Scaling => $"one processor = {_options.ProcessorSize} (trace option 'processor')";

    private static string Id(double[] v) => ((long)v[JobNumber]).ToString(CultureInfo.InvariantCulture);

    private static long Micros(double seconds) => checked((long)Math.Round(seconds * 1_000_000.0));

    /// <summary>
    /// Splits a job line into its 18 numbers; false for blank and <c>;</c> comment lines. Any run of spaces
    /// and tabs separates fields (the archive's logs align columns with several spaces).
    /// </summary>
    private bool ParseJobLine(string line, long lineNumber, double[] values)
    {
        var span = line.AsSpan().Trim();
        if (span.IsEmpty || span[0] == ';') return false;
        int field = 0;
        foreach (var range in span.SplitAny(' ', '\t'))
        {
            var token = span[range];
            if (token.IsEmpty) continue;
            if (field == Fields.Length)
                throw new TraceFormatException(Path, lineNumber, "(extra field 19)",
                    $"{Fields.Length} whitespace-separated numbers", "more");
            if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out values[field])
                || !double.IsFinite(values[field]))
                throw new TraceFormatException(Path, lineNumber, Fields[field], "a number", $"'{token}'");
            double limit = field is SubmitTime or RunTime ? TraceLimits.MaxSeconds : MaxValue;
            if (Math.Abs(values[field]) > limit)
                throw new TraceFormatException(Path, lineNumber, Fields[field],
                    $"a number from -{limit.ToString(CultureInfo.InvariantCulture)} to {limit.ToString(CultureInfo.InvariantCulture)}",
                    $"'{token}'");
            field++;
        }
        if (field < Fields.Length)
            throw new TraceFormatException(Path, lineNumber, Fields[field],
                $"{Fields.Length} whitespace-separated numbers", $"{field}");
        return true;
    }
}
