using ClusterSim.Workloads.Model;
using ClusterSim.Workloads.Traces;
using ClusterSim.Workloads.Traces.Alibaba2018;
using ClusterSim.Workloads.Traces.Google2011;
using CsCheck;

namespace ClusterSim.Workloads.Tests.Traces;

/// <summary>
/// The usage tables (Google 2011 task_usage, Alibaba 2018 batch_instance) joined to the tasks: each Google
/// attempt's and each Alibaba task's usage fraction, the fall-backs and clamps the report counts, and errors
/// naming file, line and column. No genuine sample of either table is in traces/: the rows here are written to
/// the published schemas.
/// </summary>
public class TraceUsageTests
{
    // time, missing info, job ID, task index, machine ID, event type, user, scheduling class, priority, CPU request,
    // memory request, disk space request, different-machines restriction. Three tasks: submitted at 1 s, scheduled
    // at 2 s, finished at 500 s.
    private static readonly string[] TaskEvents =
    [
        "1000000,,1,0,,0,u,0,9,0.5,0.25,0,0",
        "1000000,,1,1,,0,u,0,9,0.25,0.5,0,0",
        "1000000,,2,0,,0,u,0,9,0.5,0.5,0,0",
        "2000000,,1,0,7,1,u,0,9,0.5,0.25,0,0",
        "2000000,,1,1,7,1,u,0,9,0.25,0.5,0,0",
        "2000000,,2,0,7,1,u,0,9,0.5,0.5,0,0",
        "500000000,,1,0,7,4,u,0,9,0.5,0.25,0,0",
        "500000000,,1,1,7,4,u,0,9,0.25,0.5,0,0",
        "500000000,,2,0,7,4,u,0,9,0.5,0.5,0,0",
    ];

    /// <summary>A task_usage row (20 columns): window, ids, CPU rate and canonical memory, the rest filled in.</summary>
    private static string Usage(long startS, long endS, long job, long task, string cpu, string mem) =>
        $"{startS * 1_000_000},{endS * 1_000_000},{job},{task},7,{cpu},{mem},0.01,0,0.001,0.02,0.0001,0.00002,0.5,0.001,1.25,0.004,1,0,0.2";

    private static readonly string[] TaskUsage =
    [
        // Job 1 task 0: 300 s at CPU 0.125, then 100 s at 0.375 → 0.1875 over a request of 0.5 = 0.375;
        // memory 0.0625 and 0.1875 → 0.09375 over 0.25 = 0.375.
        Usage(2, 302, 1, 0, "0.125", "0.0625"),
        Usage(302, 402, 1, 0, "0.375", "0.1875"),
        // Job 1 task 1: CPU 0.5 over a request of 0.25 = 2, clamped to 1; memory 0.125 over 0.5 = 0.25.
        Usage(2, 302, 1, 1, "0.5", "0.125"),
        Usage(302, 302, 1, 1, "0.9", "0.9"),   // an empty window: no weight
        Usage(302, 602, 1, 1, "", ""),          // neither figure
        Usage(0, 300, 9, 0, "0.5", "0.5"),      // a task the replay does not hold
        // Job 2 task 0 has no rows.
    ];

    private static (List<WorkloadJob> Jobs, TraceReport Report) ReadGoogle(TempFolder dir, UsageRatio ratio = UsageRatio.Cpu)
    {
        var report = new TraceReport();
        var options = new Google2011Options { Usage = new TraceUsageOptions(dir.Path) { Ratio = ratio } };
        return (new Google2011Reader(dir.Path, options).ReadJobs(report).ToList(), report);
    }

    private static double?[] UsageOf(List<WorkloadJob> jobs) => jobs.SelectMany(j => j.Tasks).Select(t => t.Usage).ToArray();

    [Test]
    public void Google_TaskUsage_GzippedInTheBucketLayout_GivesEachTaskItsTimeWeightedMeanOverItsRequest()
    {
        using var dir = new TempFolder();
        dir.WriteGzip("task_events/part-00000-of-00001.csv.gz", TaskEvents);
        dir.WriteGzip("task_usage/part-00000-of-00002.csv.gz", TaskUsage[..3]);
        dir.WriteGzip("task_usage/part-00001-of-00002.csv.gz", TaskUsage[3..]);

        var (jobs, report) = ReadGoogle(dir);

        Assert.That(jobs.Select(j => (j.Id, j.Tasks.Count)), Is.EqualTo(new[] { ("1", 2), ("2", 1) }));
        Assert.That(UsageOf(jobs), Is.EqualTo(new double?[] { 0.375, 1.0, null }));
        Assert.That((report.TasksWithUsage, report.TasksWithoutUsage, report.UsageClamped), Is.EqualTo(((long?)2, (long?)1, 1L)));
        Assert.That(report.SkippedFor(SkipReason.EmptyUsageWindow), Is.EqualTo(1));
        Assert.That(report.SkippedFor(SkipReason.MissingUsage), Is.EqualTo(1));
        Assert.That(report.SkippedFor(SkipReason.UsageUnmatched), Is.EqualTo(1));
        Assert.That(report.Rows, Is.EqualTo(TaskEvents.Length + TaskUsage.Length));
        Assert.That(report.Files.Count(f => f.Contains("task_usage", StringComparison.Ordinal)), Is.EqualTo(2));
    }

    [TestCase(UsageRatio.Mem, new[] { 0.375, 0.25 })]
    [TestCase(UsageRatio.Max, new[] { 0.375, 1.0 })]
    public void Google_Ratio_PicksMemoryOrTheLarger(UsageRatio ratio, double[] expected)
    {
        using var dir = new TempFolder();
        dir.Write("task_events.csv", TaskEvents);
        dir.Write("task_usage.csv", TaskUsage);

        var (jobs, report) = ReadGoogle(dir, ratio);

        Assert.That(UsageOf(jobs), Is.EqualTo(new double?[] { expected[0], expected[1], null }));
        Assert.That(report.UsageClamped, Is.EqualTo(ratio == UsageRatio.Max ? 1 : 0));
    }

    // Job 3 task 0 runs three attempts: on machine 7 from 2 s until evicted at 302 s; resubmitted, on machine 8
    // from 310 s to 910 s; resubmitted at 1000 s, on machine 10 until 1300 s. Job 4 task 0 runs on machine 7
    // from 2 s to 500 s. Job 5 task 0 was running before the first row (its FINISH at 400 s on machine 7 is its
    // only row). All ask for CPU 0.5.
    private static readonly string[] Attempts =
    [
        "1000000,,3,0,,0,u,0,9,0.5,0.25,0,0",
        "1000000,,4,0,,0,u,0,9,0.5,0.25,0,0",
        "2000000,,3,0,7,1,u,0,9,0.5,0.25,0,0",
        "2000000,,4,0,7,1,u,0,9,0.5,0.25,0,0",
        "302000000,,3,0,7,2,u,0,9,0.5,0.25,0,0",
        "302000000,,3,0,,0,u,0,9,0.5,0.25,0,0",
        "310000000,,3,0,8,1,u,0,9,0.5,0.25,0,0",
        "400000000,,5,0,7,4,u,0,9,0.5,0.25,0,0",
        "500000000,,4,0,7,4,u,0,9,0.5,0.25,0,0",
        "910000000,,3,0,8,4,u,0,9,0.5,0.25,0,0",
        "1000000000,,3,0,,0,u,0,9,0.5,0.25,0,0",
        "1000000000,,3,0,10,1,u,0,9,0.5,0.25,0,0",
        "1300000000,,3,0,10,4,u,0,9,0.5,0.25,0,0",
    ];

    private static string UsageOn(long startS, long endS, long job, long machine, string cpu) =>
        $"{startS * 1_000_000},{endS * 1_000_000},{job},0,{machine},{cpu},,,,,,,,,,,,,,";

    private static readonly string[] AttemptUsage =
    [
        // Attempt 0 of job 3: CPU 0.125 over 0.5 = 0.25 (the machine-7 row of job 4 at the same time is not its).
        UsageOn(2, 302, 3, 7, "0.125"),
        UsageOn(2, 302, 4, 7, "0.5"),
        // Attempt 1: the first window starts 60 s before its SCHEDULE and counts for the 100 s they share:
        // (0.5 × 100 + 0.25 × 300 + 0.5 × 200) / 600 = 0.375, over 0.5 = 0.75.
        UsageOn(250, 410, 3, 8, "0.5"),
        UsageOn(410, 710, 3, 8, "0.25"),
        UsageOn(710, 910, 3, 8, "0.5"),
        // On machine 9, where no attempt of job 3 ran: the task's mean only.
        UsageOn(310, 550, 3, 9, "0.5"),
        // Job 5, running since before the first row: its windows before it count in full,
        // (0.25 × 300 + 0.125 × 100) / 400 = 0.21875, over 0.5 = 0.4375.
        UsageOn(0, 300, 5, 7, "0.25"),
        UsageOn(300, 400, 5, 7, "0.125"),
        // Attempt 2 of job 3 has no row: it takes the task's mean over all its rows, each weighted by its whole
        // window: (0.125 × 300 + 0.5 × 160 + 0.25 × 300 + 0.5 × 200 + 0.5 × 240) / 1200 = 0.34375, over 0.5 = 0.6875.
    ];

    [Test]
    public void Google_EachAttempt_TakesTheRowsOfItsMachineWhileItRan_ElseItsTasksMean()
    {
        using var dir = new TempFolder();
        dir.Write("task_events.csv", Attempts);
        dir.Write("task_usage.csv", AttemptUsage);

        var (jobs, report) = ReadGoogle(dir);

        Assert.That(jobs.SelectMany(j => j.Tasks.Select(t => (j.Id, t.Attempt))),
            Is.EqualTo(new[] { ("3", 0), ("4", 0), ("5", 0), ("3", 1), ("3", 2) }));
        Assert.That(UsageOf(jobs), Is.EqualTo(new double?[] { 0.25, 1.0, 0.4375, 0.75, 0.6875 }));
        Assert.That((report.TasksWithUsage, report.UsageFromTaskMean, report.TasksWithoutUsage, report.UsageClamped),
            Is.EqualTo(((long?)5, (long?)1, (long?)0, 0L)));
    }

    [Test]
    public void Google_AnAttemptWithoutRows_AndATaskWithout_FallBackInTurn_AndTheStatisticsCountBoth()
    {
        using var dir = new TempFolder();
        dir.Write("task_events.csv", Attempts);
        dir.Write("task_usage.csv", AttemptUsage.Where(r => !r.Contains(",5,0,7,", StringComparison.Ordinal)).ToArray());

        var text = TraceStatistics.Compute(TraceFormat.Google2011, dir.Path, usage: new TraceUsageOptions(dir.Path)).Render();

        Assert.That(text, Does.Match(@"\ntasks with trace usage\s+4\n  of which from the task's mean\s+1\n"));
        Assert.That(text, Does.Match(@"tasks without \(framework's usage:\)\s+1\n"));
    }

    [Test]
    public void Google_AnAttemptStillRunningAtTheWindowEnd_TakesTheRowsAfterIt()
    {
        using var dir = new TempFolder();
        // Job 4 task 0 is scheduled at 2 s on machine 7 and never ends in the rows read.
        dir.Write("task_events.csv", Attempts[1], Attempts[3]);
        dir.Write("task_usage.csv", UsageOn(2, 302, 4, 7, "0.125"), UsageOn(302, 602, 4, 7, "0.375"),
            UsageOn(302, 602, 4, 8, "0.5"));

        var (jobs, report) = ReadGoogle(dir);

        Assert.That(UsageOf(jobs), Is.EqualTo(new double?[] { 0.5 }), "(0.125 + 0.375) / 2 over 0.5; machine 8 is not its");
        Assert.That(report.UsageFromTaskMean, Is.EqualTo(0));
    }

    [Test]
    public void Google_WithoutAUsageTable_TasksCarryNoUsage_AndTheReportSaysNothingOfIt()
    {
        using var dir = new TempFolder();
        var path = dir.Write("task_events.csv", TaskEvents);
        var report = new TraceReport();

        var jobs = new Google2011Reader(path).ReadJobs(report).ToList();

        Assert.That(UsageOf(jobs), Is.All.Null);
        Assert.That((report.TasksWithUsage, report.UsageFromTaskMean), Is.EqualTo(((long?)null, (long?)null)));
    }

    [TestCase("300000000,200000000,1,0,7,0.1,0.1,,,,,,,,,,,,,", "end time", 2, "a time at or after the start time (300000000)")]
    [TestCase("0,300000000,1,0,7,x,0.1,,,,,,,,,,,,,", "CPU rate", 6, "a number")]
    [TestCase("0,300000000,1,0,7,-0.1,0.1,,,,,,,,,,,,,", "CPU rate", 6, "a number from 0")]
    [TestCase("0,300000000,1,0,,0.1,0.1,,,,,,,,,,,,,", "machine ID", 5, "an integer")]
    [TestCase("0,300000000,1,0,7,0.1,0.1,,,,,,,,,,,2,,", "sample portion", 18, "a number from 0 to 1")]
    [TestCase("0,300000000,1,0,7,0.1,0.1,,,,,,,,,,,,2,", "aggregation type", 19, "an integer from 0 to 1")]
    [TestCase("0,300000000,1,0,7,0.1,0.1,,,,,,,,,,,,", "sampled CPU usage", 20, "20 fields")]
    public void Google_BadUsageRow_NamesFileLineAndColumn(string row, string field, int column, string expected)
    {
        using var dir = new TempFolder();
        dir.Write("task_events.csv", TaskEvents);
        var usage = dir.Write("task_usage.csv", TaskUsage[0], row);

        var error = Assert.Throws<TraceFormatException>(() => ReadGoogle(dir));

        Assert.That((error!.File, error.Line, error.Field, error.Column), Is.EqualTo((usage, 2L, field, column)));
        Assert.That(error.Expected, Does.StartWith(expected));
        Assert.That(error.Message, Does.StartWith($"{usage}:2: field '{field}' (column {column}): expected "));
    }

    // task_name, instance_num, job_name, task_type, status, start_time, end_time, plan_cpu, plan_mem
    private static readonly string[] BatchTasks =
    [
        "M1,2,j_1,1,Terminated,100,200,50,2",
        "R2_1,1,j_1,1,Terminated,210,260,100,4",
        "M1,1,j_2,1,Terminated,300,400,100,1",
    ];

    // instance_name, task_name, job_name, task_type, status, start_time, end_time, machine_id, seq_no, total_seq_no,
    // cpu_avg, cpu_max, mem_avg, mem_max
    private static readonly string[] BatchInstances =
    [
        // j_1 M1, weighted by the instances' durations (50 s and 100 s): cpu_avg (10 × 50 + 40 × 100) / 150 = 30
        // over plan_cpu 50 = 0.6; mem_avg (1.5 × 50 + 0.75 × 100) / 150 = 1 over plan_mem 2 = 0.5. (The plain
        // means would give 0.5 and 0.5625.)
        "ins_1,M1,j_1,1,Terminated,100,150,m_1,1,1,10,30,1.5,1.5",
        "ins_2,M1,j_1,1,Terminated,100,200,m_2,1,1,40,50,0.75,1",
        // j_1 R2_1: 150 over 100 = 1.5, clamped to 1; its memory is the invalid marker -1.
        "ins_3,R2_1,j_1,1,Terminated,210,260,m_1,1,1,150,160,-1,1",
        "ins_4,R2_1,j_1,1,Terminated,210,260,m_1,2,2,-1,,101,",     // neither figure valid
        "ins_5,M9,j_9,1,Terminated,10,20,m_1,1,1,50,60,1,1",         // a task the replay does not hold
        // j_2 M1 has no rows.
    ];

    private static (List<WorkloadJob> Jobs, TraceReport Report) ReadAlibaba(TempFolder dir, UsageRatio ratio = UsageRatio.Cpu)
    {
        var report = new TraceReport();
        var options = new Alibaba2018Options { Usage = new TraceUsageOptions(dir.Path) { Ratio = ratio } };
        return (new Alibaba2018Reader(dir.Path, options).ReadJobs(report).ToList(), report);
    }

    [Test]
    public void Alibaba_BatchInstance_GivesEachTaskItsInstancesDurationWeightedMeanCpuOverPlanCpu()
    {
        using var dir = new TempFolder();
        dir.Write("batch_task.csv", BatchTasks);
        dir.WriteGzip("batch_instance.csv.gz", BatchInstances);

        var (jobs, report) = ReadAlibaba(dir);

        Assert.That(jobs.Select(j => j.Id), Is.EqualTo(new[] { "j_1", "j_2" }));
        Assert.That(UsageOf(jobs), Is.EqualTo(new double?[] { 0.6, 0.6, 1.0, null }));
        Assert.That((report.TasksWithUsage, report.TasksWithoutUsage, report.UsageClamped), Is.EqualTo(((long?)3, (long?)1, 1L)));
        Assert.That(report.SkippedFor(SkipReason.MissingUsage), Is.EqualTo(1));
        Assert.That(report.SkippedFor(SkipReason.UsageUnmatched), Is.EqualTo(1));
    }

    [Test]
    public void Alibaba_MemRatio_LeavesInvalidMemoryOut_AndFallsBack()
    {
        using var dir = new TempFolder();
        dir.Write("batch_task.csv", BatchTasks);
        dir.Write("batch_instance.csv", BatchInstances);

        var (jobs, report) = ReadAlibaba(dir, UsageRatio.Mem);

        Assert.That(UsageOf(jobs), Is.EqualTo(new double?[] { 0.5, 0.5, null, null }));
        Assert.That((report.TasksWithUsage, report.TasksWithoutUsage, report.UsageClamped), Is.EqualTo(((long?)2, (long?)2, 0L)));
    }

    [Test]
    public void Alibaba_AnInstanceWithoutADuration_WeighsOneSecond_AndIsCounted()
    {
        using var dir = new TempFolder();
        dir.Write("batch_task.csv", BatchTasks);
        // j_1 M1: 99 s at cpu_avg 10, and an instance whose end_time is 0 (missing) at 110:
        // (10 × 99 + 110 × 1) / 100 = 11 over plan_cpu 50 = 0.22. j_2 M1: start equal to end weighs 1 s too,
        // as does an empty start_time: (20 + 40) / 2 = 30 over 100 = 0.3.
        dir.Write("batch_instance.csv",
            "ins_1,M1,j_1,1,Terminated,100,199,m_1,1,1,10,,,",
            "ins_2,M1,j_1,1,Terminated,100,0,m_1,1,1,110,,,",
            "ins_3,M1,j_2,1,Terminated,300,300,m_1,1,1,20,,,",
            "ins_4,M1,j_2,1,Terminated,,400,m_1,1,1,40,,,");

        var (jobs, report) = ReadAlibaba(dir);

        Assert.That(UsageOf(jobs), Is.EqualTo(new double?[] { 0.22, 0.22, null, 0.3 }));
        Assert.That(report.Adjusted, Is.EqualTo(new Dictionary<string, long>
        {
            ["batch_instance row without a duration (start_time, end_time) weighted as 1 s"] = 2,
        }));
        Assert.That(report.UsageFromTaskMean, Is.Null, "Alibaba's usage is per task: no per-attempt fall-back");
    }

    [Test]
    public void Alibaba_UsageOfJobsOutsideTheWindow_IsUnmatched()
    {
        using var dir = new TempFolder();
        dir.Write("batch_task.csv", BatchTasks);
        dir.Write("batch_instance.csv", BatchInstances);
        var report = new TraceReport();
        var options = new Alibaba2018Options
        {
            Trace = new TraceOptions { From = Core.Timing.Duration.FromSeconds(250) },
            Usage = new TraceUsageOptions(dir.Path),
        };

        var jobs = new Alibaba2018Reader(dir.Path, options).ReadJobs(report).ToList();

        Assert.That(jobs.Select(j => j.Id), Is.EqualTo(new[] { "j_2" }));
        Assert.That(report.SkippedFor(SkipReason.UsageUnmatched), Is.EqualTo(5), "every row of j_1 and j_9");
        Assert.That((report.TasksWithUsage, report.TasksWithoutUsage), Is.EqualTo(((long?)0, (long?)1)));
    }

    [TestCase("ins_1,M1,j_1,1,Terminated,100,150,m_1,x,1,20,30,1,1.5", "seq_no", 9, "an integer")]
    [TestCase("ins_1,M1,j_1,1,Terminated,100,150,m_1,1,1,2e,30,1,1.5", "cpu_avg", 11, "a number")]
    [TestCase("ins_1,,j_1,1,Terminated,100,150,m_1,1,1,20,30,1,1.5", "task_name", 2, "a value")]
    [TestCase("ins_1,M1,j_1,1,Terminated,100,150,m_1,1,1,20,30,1", "mem_max", 14, "14 fields")]
    public void Alibaba_BadInstanceRow_NamesFileLineAndColumn(string row, string field, int column, string expected)
    {
        using var dir = new TempFolder();
        dir.Write("batch_task.csv", BatchTasks);
        var usage = dir.Write("batch_instance.csv", BatchInstances[0], BatchInstances[1], row);

        var error = Assert.Throws<TraceFormatException>(() => ReadAlibaba(dir));

        Assert.That((error!.File, error.Line, error.Field, error.Column), Is.EqualTo((usage, 3L, field, column)));
        Assert.That(error.Expected, Does.StartWith(expected));
    }

    [Test]
    public void Statistics_ShowTheUsageCounts_AndFormatsWithoutUsageRefuseATable()
    {
        using var dir = new TempFolder();
        dir.Write("batch_task.csv", BatchTasks);
        dir.Write("batch_instance.csv", BatchInstances);

        var text = TraceStatistics.Compute(TraceFormat.Alibaba2018, dir.Path, usage: new TraceUsageOptions(dir.Path)).Render();

        Assert.That(text, Does.Match(@"tasks with trace usage\s+3\n"));
        Assert.That(text, Does.Match(@"tasks without \(framework's usage:\)\s+1\n"));
        Assert.That(text, Does.Match(@"usage clamped to 1\s+1\n"));
        Assert.That(() => TraceReaders.Open(TraceFormat.Swf, dir.Path, usage: new TraceUsageOptions(dir.Path)),
            Throws.ArgumentException.With.Message.Contains("swf traces have no usage table"));
    }

    [Test]
    public void Alibaba_AnyInstanceFigures_GiveFractionsWithinZeroAndOne_AndEveryTaskIsCounted()
    {
        using var dir = new TempFolder();
        dir.Write("batch_task.csv", BatchTasks);
        // cpu_avg and mem_avg anywhere from the invalid markers to far above the plan, or empty.
        var figure = Gen.OneOf(Gen.Const(""), Gen.Double[-1, 400].Select(d => Math.Round(d, 2).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var row = Gen.Select(Gen.Int[0, 2], figure, figure);
        string[] tasks = ["M1,j_1", "R2_1,j_1", "M1,j_2"];
        row.Array[0, 12].Sample(rows =>
        {
            dir.Write("batch_instance.csv", rows.Select((r, i) => $"ins_{i},{tasks[r.Item1]},1,Terminated,0,10,m_1,1,1,{r.Item2},,{r.Item3},").ToArray());
            var (jobs, report) = ReadAlibaba(dir, UsageRatio.Max);
            var usage = UsageOf(jobs);
            Assert.That(usage.Where(u => u != null), Is.All.InRange(0.0, 1.0));
            Assert.That(report.TasksWithUsage + report.TasksWithoutUsage, Is.EqualTo(report.Tasks));
            Assert.That(report.TasksWithUsage, Is.EqualTo(usage.Count(u => u != null)));
        }, iter: 200, threads: 1);
    }
}
