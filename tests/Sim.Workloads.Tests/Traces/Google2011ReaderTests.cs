using ClusterSim.Core.Resources;
using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Model;
using ClusterSim.Workloads.Traces;
using ClusterSim.Workloads.Traces.Google2011;

namespace ClusterSim.Workloads.Tests.Traces;

public class Google2011ReaderTests
{
    private static List<WorkloadJob> Read(string path, out TraceReport report, Google2011Options? options = null)
    {
        report = new TraceReport();
        return new Google2011Reader(path, options).ReadJobs(report).ToList();
    }

    private static Google2011Options With(OpenTaskRule rule) => new() { OpenTasks = rule };

    /// <summary>
    /// The test's own walk over the sample: complete SUBMIT → SCHEDULE → end lifecycles (with a non-zero
    /// request), the attempts opened at all, and the jobs with a complete lifecycle.
    /// </summary>
    private static (int Complete, int Attempts, int Jobs) ScanSample()
    {
        var state = new Dictionary<(string, string), string>(); // "submitted", "running", "midlife"
        var jobs = new HashSet<string>();
        int complete = 0, attempts = 0;
        foreach (var line in SampleTraces.Lines(SampleTraces.GoogleTaskEvents))
        {
            var f = line.Split(',');
            var key = (f[2], f[3]);
            int type = int.Parse(f[5]);
            state.TryGetValue(key, out var s);
            if (type == 0)
            {
                attempts++;
                state[key] = "submitted";
            }
            else if (s is null or "ended")
            {
                attempts++;
                state[key] = type == 1 ? "midlife" : "ended";
            }
            else if (type == 1 && s == "submitted") state[key] = "running";
            else if (type is >= 2 and <= 6)
            {
                bool nonZero = double.Parse(f[9]) > 0 || double.Parse(f[10]) > 0;
                if (s == "running" && nonZero)
                {
                    complete++;
                    jobs.Add(f[2]);
                }
                state[key] = "ended";
            }
        }
        return (complete, attempts, jobs.Count);
    }

    [Test]
    public void Sample_WithDrop_EmitsExactlyTheCompleteLifecycles()
    {
        var (complete, _, jobs) = ScanSample();

        var arrivals = Read(SampleTraces.GoogleTaskEvents, out var report, With(OpenTaskRule.Drop));

        Assert.That(report.Rows, Is.EqualTo(SampleTraces.Lines(SampleTraces.GoogleTaskEvents).Count()));
        Assert.That(report.Rows, Is.EqualTo(77776));
        Assert.That(arrivals.Sum(a => a.Tasks.Count), Is.EqualTo(complete));
        Assert.That(report.Jobs, Is.EqualTo(jobs));
        Assert.That(arrivals.Select(a => a.Submit), Is.Ordered);
    }

    [Test]
    public void Sample_WithClip_AccountsForEveryAttempt()
    {
        var (_, attempts, _) = ScanSample();

        var arrivals = Read(SampleTraces.GoogleTaskEvents, out var report);

        Assert.That(report.Tasks + report.SkippedTotal, Is.EqualTo(attempts));
        Assert.That(arrivals.Sum(a => a.Tasks.Count), Is.EqualTo(report.Tasks));
        Assert.That(arrivals.Select(a => a.Submit), Is.Ordered);
        Assert.That(arrivals.SelectMany(a => a.Tasks).Select(t => t.Duration), Is.All.GreaterThanOrEqualTo(Duration.Zero));
    }

    [Test]
    public void Sample_JobEventsInTheSameFolder_NameTheJobs()
    {
        var folder = Path.GetDirectoryName(SampleTraces.GoogleTaskEvents)!;
        var jobRows = SampleTraces.Lines(SampleTraces.GoogleJobEvents).Count();

        var arrivals = Read(folder, out var report);

        Assert.That(report.Rows, Is.EqualTo(77776 + jobRows));
        Assert.That(jobRows, Is.EqualTo(3099));
        Assert.That(arrivals.Count(a => a.Name is not null), Is.GreaterThan(0));
    }

    [Test]
    public void Sample_PriorityFilter_KeepsOnlyTheRange()
    {
        var all = Read(SampleTraces.GoogleTaskEvents, out _);
        var production = Read(SampleTraces.GoogleTaskEvents, out var report,
            new Google2011Options { MinPriority = 9, MaxPriority = 11 });

        Assert.That(production.Select(a => a.Priority), Is.All.InRange(9, 11));
        Assert.That(production.Sum(a => a.Tasks.Count),
            Is.EqualTo(all.Where(a => a.Priority >= 9).Sum(a => a.Tasks.Count)));
        Assert.That(report.SkippedFor(SkipReason.PriorityFiltered), Is.GreaterThan(0));
    }

    // time, missing info, job, task, machine, type, user, class, priority, cpu, mem, disk, different-machines
    private static readonly string[] Lifecycles =
    [
        "0,,1,0,,0,alice,0,9,0.5,0.25,0,0",               // job 1 task 0 submitted before the window (time 0)
        "0,,1,0,7,1,alice,0,9,0.5,0.25,0,0",
        "1000000,,5,2,,0,bob,1,2,0.125,3.815e-06,,",       // job 5 task 2: runs past the last row
        "2000000,,5,2,8,1,bob,1,2,,,,",
        "3000000,,6,0,,0,bob,1,2,0.1,0.1,,",               // killed while pending
        "4000000,,6,0,,5,bob,1,2,0.1,0.1,,",
        "10000000,,1,0,7,2,alice,0,9,0.5,0.25,,",          // evicted ...
        "12000000,,1,0,,0,alice,0,9,0.5,0.25,,",           // ... and resubmitted
        "13000000,,1,0,8,1,alice,0,9,,,,",
        "15000000,,4,3,9,4,carol,2,0,0.25,0.25,,",         // running since before the first row
        "16000000,,7,0,,0,dave,0,0,0,0,0,",                // asks for nothing
        "16500000,,7,0,3,1,dave,0,0,0,0,0,",
        "17000000,,7,0,3,4,dave,0,0,0,0,0,",
        "20000000,,1,0,8,4,alice,0,9,,,,",
        "9223372036854775807,,5,2,8,4,bob,1,2,,,,",        // "after the window"
    ];

    [Test]
    public void EvictedTask_IsResubmittedAsItsNextAttempt()
    {
        using var dir = new TempFolder();
        var arrivals = Read(dir.Write("task_events.csv", Lifecycles), out _);

        var job1 = arrivals.Where(a => a.Id == "1").ToList();
        Assert.That(job1.Select(a => a.Submit), Is.EqualTo(new[] { Time.Zero, Time.FromSeconds(12) }));
        Assert.That(job1.Select(a => a.Tasks.Single().Attempt), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(job1.Select(a => a.Tasks.Single().EndsAs), Is.EqualTo(new[] { TaskOutcome.Evicted, TaskOutcome.Finished }));
        Assert.That(job1.Select(a => a.Tasks.Single().Duration),
            Is.EqualTo(new[] { Duration.FromSeconds(10), Duration.FromSeconds(7) }));
        Assert.That(job1[1].Tasks[0].Request, Is.EqualTo(Resources.Of(cpus: 16, mem: 32768)), "empty cells keep the request");
        Assert.That(job1[0].User, Is.EqualTo("alice"));
        Assert.That(job1[0].Priority, Is.EqualTo(9));
    }

    [Test]
    public void OpenTasks_ClipToWindow_CutsAtBothEdges()
    {
        using var dir = new TempFolder();
        var arrivals = Read(dir.Write("task_events.csv", Lifecycles), out var report);

        var running = arrivals.Single(a => a.Id == "5").Tasks.Single();
        Assert.That(running.Duration, Is.EqualTo(Duration.FromSeconds(18)), "SCHEDULE at 2 s, last row at 20 s");
        Assert.That(running.EndsAs, Is.EqualTo(TaskOutcome.WindowEnd));
        Assert.That(running.Request.Mem, Is.EqualTo(0.5).Within(0.001), "3.815e-06 × 131072 MB");
        var early = arrivals.Single(a => a.Id == "4");
        Assert.That(early.Submit, Is.EqualTo(Time.Zero));
        Assert.That(early.Tasks.Single().Duration, Is.EqualTo(Duration.FromSeconds(15)));
        Assert.That(report.SkippedFor(SkipReason.NeverScheduled), Is.EqualTo(1));
        Assert.That(report.SkippedFor(SkipReason.ZeroRequest), Is.EqualTo(1));
        Assert.That(report.SkippedFor(SkipReason.AfterWindow), Is.EqualTo(1));
    }

    [Test]
    public void OpenTasks_RunForever_NeverEndsTheTaskRunningAtTheEnd()
    {
        using var dir = new TempFolder();
        var arrivals = Read(dir.Write("task_events.csv", Lifecycles), out _, With(OpenTaskRule.RunForever));

        Assert.That(arrivals.Single(a => a.Id == "5").Tasks.Single().Duration, Is.EqualTo(Duration.Forever));
    }

    [Test]
    public void OpenTasks_Drop_CountsBothEdges()
    {
        using var dir = new TempFolder();
        var arrivals = Read(dir.Write("task_events.csv", Lifecycles), out var report, With(OpenTaskRule.Drop));

        Assert.That(arrivals.Select(a => a.Id), Is.EqualTo(new[] { "1", "1" }));
        Assert.That(report.SkippedFor(SkipReason.OpenAtWindowStart), Is.EqualTo(1));
        Assert.That(report.SkippedFor(SkipReason.OpenAtWindowEnd), Is.EqualTo(1));
    }

    [Test]
    public void Window_From_SubmitsTasksRunningAtItsStartThere()
    {
        using var dir = new TempFolder();
        var options = new Google2011Options { Trace = new TraceOptions { From = Duration.FromSeconds(5), To = Duration.FromSeconds(14) } };
        var arrivals = Read(dir.Write("task_events.csv", Lifecycles), out var report, options);

        // Job 1's first attempt ran from 0 to 10 s: 5 s of it in the window, submitted at the window start.
        var first = arrivals.First(a => a.Id == "1");
        Assert.That(first.Submit, Is.EqualTo(Time.Zero));
        Assert.That(first.Tasks[0].Duration, Is.EqualTo(Duration.FromSeconds(5)));
        // Its second attempt runs from 13 s to the window end at 14 s.
        var second = arrivals.Last(a => a.Id == "1");
        Assert.That(second.Submit, Is.EqualTo(Time.FromSeconds(7)));
        Assert.That(second.Tasks[0].Duration, Is.EqualTo(Duration.FromSeconds(1)));
        Assert.That(report.SkippedFor(SkipReason.NeverScheduled), Is.EqualTo(1), "job 6 was killed pending before the window");
    }

    [Test]
    public void MalformedRow_NamesFileLineAndField()
    {
        using var dir = new TempFolder();
        var path = dir.Write("task_events.csv", Lifecycles[0], Lifecycles[1], "5,,abc,0,,0,u,0,9,0.5,0.25,0,0");

        var error = Assert.Throws<TraceFormatException>(() => Read(path, out _));

        Assert.That(error!.Message, Does.Contain("task_events.csv:3:").And.Contain("job ID").And.Contain("'abc'"));
    }

    [Test]
    public void RowWithMissingColumns_IsMalformed()
    {
        using var dir = new TempFolder();
        var path = dir.Write("task_events.csv", "5,,1,0,,0,u,0,9,0.5,0.25,0");

        var error = Assert.Throws<TraceFormatException>(() => Read(path, out _));

        Assert.That(error!.Field, Is.EqualTo("different-machines restriction"));
        Assert.That(error.Found, Is.EqualTo("12 fields"));
    }

    [Test]
    public void UnknownEventType_IsRejectedAsNotA2011Code()
    {
        using var dir = new TempFolder();
        var path = dir.Write("task_events.csv", "5,,1,0,,9,u,0,9,0.5,0.25,0,0");

        var error = Assert.Throws<TraceFormatException>(() => Read(path, out _));

        Assert.That(error!.Field, Is.EqualTo("event type"));
        Assert.That(error.Expected, Does.Contain("2011"));
    }

    [Test]
    public void BucketLayout_ReadsPartsInOrderAndMachines()
    {
        using var dir = new TempFolder();
        dir.WriteGzip("task_events/part-00000-of-00002.csv.gz", Lifecycles[..6]);
        dir.WriteGzip("task_events/part-00001-of-00002.csv.gz", Lifecycles[6..]);
        dir.WriteGzip("machine_events/part-00000-of-00001.csv.gz",
            "0,100,0,p,0.5,0.5", "0,200,0,p,1,1", "5000000,100,2,p,0.25,0.5", "6000000,200,1,,,",
            "7000000,300,1,,,", "8000000,400,0,p,,", "9223372036854775807,100,1,,,");

        var arrivals = Read(dir.Path, out var report);
        var machineReport = new TraceReport();
        var machines = new Google2011Reader(dir.Path).ReadMachines(machineReport).ToList();

        Assert.That(report.Files, Has.Count.EqualTo(2));
        Assert.That(Read(Path.Combine(dir.Path, "task_events", "part-00001-of-00002.csv.gz"), out _).Select(a => a.Id),
            Is.EqualTo(new[] { "1", "4", "1" }), "one part file, named by its folder: its first row (job 1's EVICT) opens the window");
        Assert.That(arrivals.Where(a => a.Id == "1").Select(a => a.Tasks.Single().Attempt), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(machines.Select(m => (m.MachineId, m.Kind)), Is.EqualTo(new[]
        {
            ("100", MachineChange.Add), ("200", MachineChange.Add), ("100", MachineChange.Update), ("200", MachineChange.Remove),
        }));
        Assert.That(machines[0].Capacity, Is.EqualTo(Resources.Of(cpus: 16, mem: 65536)));
        Assert.That(machines[2].At, Is.EqualTo(Time.FromSeconds(5)));
        Assert.That(machineReport.Skipped, Is.EquivalentTo(new Dictionary<SkipReason, long>
        {
            [SkipReason.UnknownMachine] = 1,
            [SkipReason.MissingCapacity] = 1,
            [SkipReason.AfterWindow] = 1,
        }));
        Assert.That(machineReport.Machines, Is.EqualTo(2));
    }

    [Test]
    public void MachineEventType_Of2019_IsRejected()
    {
        using var dir = new TempFolder();
        var path = dir.Write("machine_events.csv", "0,100,3,p,0.5,0.5");

        var error = Assert.Throws<TraceFormatException>(() => new Google2011Reader(path).ReadMachines(new TraceReport()).ToList());

        Assert.That(error!.Message, Does.Contain("machine_events.csv:1:").And.Contain("event type").And.Contain("found 3"));
    }

    [Test]
    public void SameInputAndSeed_GiveTheSameArrivals()
    {
        var options = new Google2011Options { Trace = new TraceOptions { SampleFraction = 0.5, Seed = 3, TimeScale = 4 } };
        string Digest() => string.Join("\n", Read(SampleTraces.GoogleTaskEvents, out _, options)
            .Select(a => $"{a.Id}@{a.Submit.Micros}:" + string.Join(",", a.Tasks.Select(t => $"{t.Name}/{t.Attempt}/{t.Duration.Micros}/{t.Request}"))));

        var first = Digest();

        Assert.That(Digest(), Is.EqualTo(first));
        Assert.That(first, Is.Not.Empty);
    }

    [Test]
    public void UpdateRunning_ReplacesTheRequest_AndResubmitWithoutEnd_EndsTheRunAsLost()
    {
        using var dir = new TempFolder();
        var path = dir.Write("task_events.csv",
            "0,,9,0,,0,u,0,5,0.1,0.1,,", "1000000,,9,0,1,1,u,0,5,,,,", "2000000,,9,0,1,8,u,0,5,0.2,0.3,,",
            "3000000,,9,0,,0,u,0,5,0.2,0.3,,", "4000000,,9,0,1,1,u,0,5,,,,", "5000000,,9,0,1,4,u,0,5,,,,");

        var tasks = Read(path, out var report).Select(a => a.Tasks.Single()).ToList();

        Assert.That(tasks.Select(t => (t.Attempt, t.EndsAs, t.Duration)), Is.EqualTo(new[]
        {
            (0, TaskOutcome.Lost, Duration.FromSeconds(2)), (1, TaskOutcome.Finished, Duration.FromSeconds(1)),
        }));
        Assert.That(tasks[0].Request, Is.EqualTo(Resources.Of(cpus: 6.4, mem: 0.3 * 131072)));
        Assert.That(report.Adjusted.Values.Sum(), Is.EqualTo(1));
        Assert.That(report.SkippedTotal, Is.Zero);
    }
}
