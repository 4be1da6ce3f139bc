using ClusterSim.Core.Resources;
using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Model;
using ClusterSim.Workloads.Traces;
using ClusterSim.Workloads.Traces.Alibaba2018;

namespace ClusterSim.Workloads.Tests.Traces;

public class Alibaba2018ReaderTests
{
    [Test]
    public void Sample_Machines_MatchAnIndependentScan()
    {
        var rows = SampleTraces.Lines(SampleTraces.AlibabaMachineMeta).Select(l => l.Split(',')).ToList();
        // The test's own reading: each machine's last row by time says whether it is in at the end.
        var lastRow = rows.Select((r, i) => (Row: r, Index: i))
            .OrderBy(x => long.Parse(x.Row[1])).ThenBy(x => x.Index)
            .GroupBy(x => x.Row[0]).Select(g => g.Last().Row).ToList();
        var inAtEnd = lastRow.Where(r => r[6] == "USING").ToList();
        var report = new TraceReport();

        var events = new Alibaba2018Reader(SampleTraces.AlibabaMachineMeta).ReadMachines(report).ToList();

        var cluster = new Dictionary<string, Resources>();
        foreach (var e in events)
            if (e.Kind == MachineChange.Remove) cluster.Remove(e.MachineId);
            else cluster[e.MachineId] = e.Capacity;
        Assert.That(report.Rows, Is.EqualTo(rows.Count));
        Assert.That(report.Machines, Is.EqualTo(rows.Where(r => r[6] == "USING").Select(r => r[0]).Distinct().Count()));
        Assert.That(cluster.Keys, Is.EquivalentTo(inAtEnd.Select(r => r[0])));
        Assert.That(cluster.Values.Sum(c => c.Cpus), Is.EqualTo(inAtEnd.Sum(r => double.Parse(r[4]))));
        Assert.That(events.Select(e => e.At), Is.Ordered);
        Assert.That(report.MachineEvents + report.SkippedTotal, Is.EqualTo(rows.Count), "every row is an event or counted");
    }

    [Test]
    public void Sample_MachineMemory_IsScaledFromPercent()
    {
        var options = new Alibaba2018Options { MachineMemoryMb = 1000 };
        var first = new Alibaba2018Reader(SampleTraces.AlibabaMachineMeta, options).ReadMachines(new TraceReport()).First();

        // m_1,0,219,17,96,100,USING
        Assert.That(first, Is.EqualTo(new MachineEvent(Time.Zero, "m_1", MachineChange.Add, Resources.Of(cpus: 96, mem: 1000))));
    }

    private static readonly string[] BatchTasks =
    [
        "M1,2,j_1,1,Terminated,100,200,100,0.5",
        "R2_1,3,j_1,1,Terminated,210,260,50,1",
        "M3_1_2,1,j_1,1,Failed,270,300,200,2",
        "task_xyz,1,j_1,1,Terminated,100,110,100,1",
        "J5_9,1,j_1,1,Terminated,120,130,100,1",
        "M1_2,1,j_cycle,1,Terminated,50,60,100,1",
        "M2_1,1,j_cycle,1,Terminated,50,60,100,1",
        "M1,1,j_bad,1,Terminated,10,20,100,101",
        "M2,1,j_bad,1,Terminated,10,20,-1,1",
        "M3,1,j_bad,1,Terminated,30,20,100,1",
        "M4,1,j_bad,1,Terminated,10,20,0,0",
        "M5,0,j_bad,1,Terminated,10,20,100,1",
        "M6,1,j_bad,1,Running,10,,100,1",
        "M7,1,j_bad,1,Terminated,5,25,100,1",
    ];

    [Test]
    public void BatchTask_DagNamesBecomeParentsOverAllInstances()
    {
        using var dir = new TempFolder();
        var path = dir.Write("batch_task.csv", BatchTasks);
        var report = new TraceReport();

        var jobs = new Alibaba2018Reader(path).ReadJobs(report).ToList();

        Assert.That(jobs.Select(j => j.Id), Is.EqualTo(new[] { "j_bad", "j_1" }), "by submit; the cyclic job skipped");
        var tasks = jobs[1].Tasks;
        Assert.That(jobs[1].Submit, Is.EqualTo(Time.FromSeconds(100)));
        Assert.That(tasks.Select(t => t.Name),
            Is.EqualTo(new[] { "M1", "M1", "R2_1", "R2_1", "R2_1", "M3_1_2", "task_xyz", "J5_9" }));
        Assert.That(tasks[0].Parents, Is.Empty);
        Assert.That(tasks[2].Parents, Is.EqualTo(new[] { 0, 1 }));
        Assert.That(tasks[5].Parents, Is.EqualTo(new[] { 0, 1, 2, 3, 4 }), "M3 waits for every instance of 1 and 2");
        Assert.That(tasks[6].Parents, Is.Empty, "task_ names are independent");
        Assert.That(tasks[7].Parents, Is.Empty, "task 9 is not in the job");
        Assert.That(tasks[0].Request, Is.EqualTo(Resources.Of(cpus: 1, mem: 0.005 * 131072)));
        Assert.That(tasks[0].Duration, Is.EqualTo(Duration.FromSeconds(100)));
        Assert.That(tasks[5].EndsAs, Is.EqualTo(TaskOutcome.Failed));
        Assert.That(report.Adjusted["dependency on a task missing from its job dropped"], Is.EqualTo(1));
    }

    [Test]
    public void BatchTask_UnusableRowsAreCountedByReason()
    {
        using var dir = new TempFolder();
        var path = dir.Write("batch_task.csv", BatchTasks);
        var report = new TraceReport();

        var jobs = new Alibaba2018Reader(path).ReadJobs(report).ToList();

        Assert.That(jobs[0].Tasks, Has.Count.EqualTo(1));
        Assert.That(report.Rows, Is.EqualTo(BatchTasks.Length));
        Assert.That(report.Skipped, Is.EquivalentTo(new Dictionary<SkipReason, long>
        {
            [SkipReason.InvalidValue] = 2,
            [SkipReason.EndBeforeStart] = 1,
            [SkipReason.ZeroRequest] = 1,
            [SkipReason.NoInstances] = 1,
            [SkipReason.MissingTime] = 1,
            [SkipReason.CyclicDependencies] = 1,
        }));
    }

    [Test]
    public void Folder_WithBothTables_GivesMachinesAndJobs()
    {
        using var dir = new TempFolder();
        dir.Write("machine_meta.csv", "m_1,0,1,1,64,50,USING", "m_2,0,1,1,32,50,IMPORT_INSTALLING",
            "m_2,100,1,1,32,50,USING", "m_1,200,1,1,64,50,OFFLINE");
        dir.WriteGzip("batch_task.csv.gz", "M1,1,j,1,Terminated,5,6,100,1");
        var reader = new Alibaba2018Reader(dir.Path);

        var machines = reader.ReadMachines(new TraceReport()).ToList();
        var jobs = reader.ReadJobs(new TraceReport()).ToList();

        Assert.That(machines.Select(m => (m.At.Micros / 1_000_000, m.MachineId, m.Kind)), Is.EqualTo(new[]
        {
            (0L, "m_1", MachineChange.Add), (100L, "m_2", MachineChange.Add), (200L, "m_1", MachineChange.Remove),
        }));
        Assert.That(jobs, Has.Count.EqualTo(1));
    }

    [Test]
    public void MalformedRow_NamesFileLineAndField()
    {
        using var dir = new TempFolder();
        var path = dir.Write("batch_task.csv", "M1,1,j,1,Terminated,5,6,100,1", "M2,many,j,1,Terminated,5,6,100,1");

        var error = Assert.Throws<TraceFormatException>(() => new Alibaba2018Reader(path).ReadJobs(new TraceReport()).ToList());

        Assert.That(error!.Message, Does.Contain("batch_task.csv:2:").And.Contain("instance_num").And.Contain("'many'"));
    }

    [Test]
    public void Window_StartsWithTheMachinesPresentAtItsStart()
    {
        using var dir = new TempFolder();
        var path = dir.Write("machine_meta.csv", "m_1,0,1,1,64,50,USING", "m_2,50,1,1,32,50,USING",
            "m_2,60,1,1,32,50,OFFLINE", "m_3,150,1,1,16,50,USING", "m_3,400,1,1,16,50,OFFLINE");
        var options = new Alibaba2018Options { Trace = new TraceOptions { From = Duration.FromSeconds(100), To = Duration.FromSeconds(300) } };
        var report = new TraceReport();

        var machines = new Alibaba2018Reader(path, options).ReadMachines(report).ToList();

        Assert.That(machines.Select(m => (m.At, m.MachineId, m.Kind)), Is.EqualTo(new[]
        {
            (Time.Zero, "m_1", MachineChange.Add), (Time.FromSeconds(50), "m_3", MachineChange.Add),
        }));
        Assert.That(report.SkippedFor(SkipReason.OutsideWindow), Is.EqualTo(1));
    }
}
