using ClusterSim.Workloads.Traces;
using ClusterSim.Workloads.Traces.Alibaba2018;
using ClusterSim.Workloads.Traces.Google2011;
using ClusterSim.Workloads.Traces.Swf;
using ClusterSim.Workloads.Traces.Swim;

namespace ClusterSim.Workloads.Tests.Traces;

/// <summary>
/// Every field a reader parses is checked whatever the row's event type, values that would overflow the
/// simulator's quantities are errors naming their row, and a badly named trace path is a one-line error.
/// </summary>
public class FieldValidationTests
{
    private const string SwfJob = "1 0 0 10 1 -1 -1 1 -1 -1 1 1 1 -1 -1 -1 -1 -1";

    private static void ReadAll(ITraceReader reader)
    {
        var report = new TraceReport();
        _ = reader.ReadMachines(report).ToList();
        _ = reader.ReadJobs(report).ToList();
    }

    [Test]
    public void Google_KillRowWithANonNumericCpuRequest_IsAnError()
    {
        using var dir = new TempFolder();
        var path = dir.Write("task_events.csv",
            "5,,1,0,,0,alice,0,9,0.5,0.25,0,0", "6,,1,0,7,1,alice,0,9,0.5,0.25,0,0", "9,,1,0,7,5,alice,0,9,lots,0.25,0,0");

        var error = Assert.Throws<TraceFormatException>(() => new Google2011Reader(path).ReadJobs(new TraceReport()).ToList());

        Assert.That(error!.Line, Is.EqualTo(3));
        Assert.That(error.Field, Is.EqualTo("CPU request"));
        Assert.That(error.Found, Is.EqualTo("'lots'"));
    }

    [TestCase("5,,1,0,,0,alice,0,12,0.5,0.25,0,0", "priority")]
    [TestCase("5,,1,0,,0,alice,7,9,0.5,0.25,0,0", "scheduling class")]
    [TestCase("5,,1,0,,0,alice,0,9,1e300,0.25,0,0", "CPU request")]
    [TestCase("5,,1,0,,0,alice,0,9,0.5,-0.25,0,0", "memory request")]
    [TestCase("5,,1,0,,0,alice,0,9,0.5,0.25,0,2", "different-machines restriction")]
    [TestCase("5,x,1,0,,0,alice,0,9,0.5,0.25,0,0", "missing info")]
    [TestCase("5,,1,0,m7,0,alice,0,9,0.5,0.25,0,0", "machine ID")]
    public void Google_TaskFieldOutsideTheSchema_IsAnError(string row, string field)
    {
        using var dir = new TempFolder();
        var path = dir.Write("task_events.csv", row);

        var error = Assert.Throws<TraceFormatException>(() => new Google2011Reader(path).ReadJobs(new TraceReport()).ToList());

        Assert.That(error!.Field, Is.EqualTo(field));
    }

    [Test]
    public void Google_RowAfterTheWindowIsCheckedToo()
    {
        using var dir = new TempFolder();
        var path = dir.Write("task_events.csv", "9223372036854775807,,1,0,,5,alice,0,9,x,0.25,0,0");

        Assert.That(() => new Google2011Reader(path).ReadJobs(new TraceReport()).ToList(),
            Throws.TypeOf<TraceFormatException>().With.Property("Field").EqualTo("CPU request"));
    }

    [Test]
    public void Google_MachineRemoveRowWithANonNumericCapacity_IsAnError()
    {
        using var dir = new TempFolder();
        var path = dir.Write("machine_events.csv", "0,5,0,p,0.5,0.5", "10,5,1,p,half,");

        var error = Assert.Throws<TraceFormatException>(() => new Google2011Reader(path).ReadMachines(new TraceReport()).ToList());

        Assert.That(error!.Line, Is.EqualTo(2));
        Assert.That(error.Field, Is.EqualTo("CPUs"));
    }

    [Test]
    public void Google_JobEventWithANonNumericEventType_IsAnError()
    {
        using var dir = new TempFolder();
        dir.Write("job_events.csv", "0,,1,zero,alice,0,name,logical");
        dir.Write("task_events.csv", "5,,1,0,,0,alice,0,9,0.5,0.25,0,0");

        var error = Assert.Throws<TraceFormatException>(() => new Google2011Reader(dir.Path).ReadJobs(new TraceReport()).ToList());

        Assert.That(error!.Field, Is.EqualTo("event type"));
        Assert.That(error.File, Does.EndWith("job_events.csv"));
    }

    [Test]
    public void Swf_WithoutAHeader_NamesTheHeaderLineAndTheYamlKey_NotAnInternalOption()
    {
        using var dir = new TempFolder();
        var path = dir.Write("noheader.swf", SwfJob);

        var error = Assert.Throws<TraceFormatException>(() => new SwfReader(path).ReadJobs(new TraceReport()).ToList());

        Assert.That(error!.Message, Does.Contain("; MaxProcs: N").And.Contain("the trace key 'processors: N'").And.Not.Contain("SwfOptions"));
    }

    [Test]
    public void Swf_WithoutAHeader_TakesTheClusterSizeFromTheOption()
    {
        using var dir = new TempFolder();
        var path = dir.Write("noheader.swf", SwfJob);
        var reader = new SwfReader(path, new SwfOptions { Processors = 3 });

        Assert.That(reader.ReadMachines(new TraceReport()).Count(), Is.EqualTo(3));
        Assert.That(reader.ReadJobs(new TraceReport()).Count(), Is.EqualTo(1));
    }

    [TestCase("; MaxProcs: 99999999999", "MaxProcs")]
    [TestCase("; MaxProcs: 0", "MaxProcs")]
    [TestCase("; MaxNodes: -4", "MaxNodes")]
    public void Swf_HeaderClusterSizeOutOfRange_IsAnErrorAtItsLine(string header, string field)
    {
        using var dir = new TempFolder();
        var path = dir.Write("big.swf", "; Version: 2.2", header, SwfJob);

        var error = Assert.Throws<TraceFormatException>(() => ReadAll(new SwfReader(path)));

        Assert.That(error!.Field, Is.EqualTo(field));
        Assert.That(error.Line, Is.EqualTo(2));
    }

    [TestCase("1 1e300 0 10 1 -1 -1 1 -1 -1 1 1 1 -1 -1 -1 -1 -1", "submit time")]
    [TestCase("1 0 0 1e300 1 -1 -1 1 -1 -1 1 1 1 -1 -1 -1 -1 -1", "run time")]
    [TestCase("1 0 0 10 NaN -1 -1 1 -1 -1 1 1 1 -1 -1 -1 -1 -1", "allocated processors")]
    [TestCase("1 0 0 10 1 -1 -1 1 -1 -1 1 Infinity 1 -1 -1 -1 -1 -1", "user id")]
    public void Swf_ValueBeyondWhatTheSimulatorHolds_IsAnError(string line, string field)
    {
        using var dir = new TempFolder();
        var path = dir.Write("huge.swf", "; MaxProcs: 4", line);

        var error = Assert.Throws<TraceFormatException>(() => new SwfReader(path).ReadJobs(new TraceReport()).ToList());

        Assert.That(error!.Field, Is.EqualTo(field));
    }

    [TestCase("j1\t0\tsoon\t1\t0\t0", "gap")]
    [TestCase("j1\t1e300\t0\t1\t0\t0", "submit time")]
    [TestCase("j1\t0\t0\t9000000000000000000\t0\t0", "map input bytes")]
    [TestCase("j1\t0\t0\t1\t1125899906842624\t0", "shuffle bytes")]
    public void Swim_FieldOutsideItsRange_IsAnError(string row, string field)
    {
        using var dir = new TempFolder();
        var path = dir.Write("w.tsv", row);

        var error = Assert.Throws<TraceFormatException>(() => new SwimReader(path).ReadJobs(new TraceReport()).ToList());

        Assert.That(error!.Field, Is.EqualTo(field));
    }

    [TestCase("M1,1,j,1,Terminated,9223372036854,9223372036855,100,1", "start_time")]
    [TestCase("M1,2000000,j,1,Terminated,5,6,100,1", "instance_num")]
    [TestCase("M1,1,j,1,Terminated,5,6,1e300,1", "plan_cpu")]
    [TestCase("M1,0,j,1,Terminated,5,x,100,1", "end_time")]
    public void Alibaba_TaskFieldOutsideItsRange_IsAnErrorEvenInASkippedRow(string row, string field)
    {
        using var dir = new TempFolder();
        var path = dir.Write("batch_task.csv", row);

        var error = Assert.Throws<TraceFormatException>(() => new Alibaba2018Reader(path).ReadJobs(new TraceReport()).ToList());

        Assert.That(error!.Field, Is.EqualTo(field));
    }

    [Test]
    public void Alibaba_JobOfMoreInstancesThanTheLimit_IsAnErrorAtTheRowThatPassesIt()
    {
        using var dir = new TempFolder();
        var path = dir.Write("batch_task.csv", "M1,1000000,j,1,Terminated,5,6,100,1", "M2,100000,j,1,Terminated,5,6,100,1");

        var error = Assert.Throws<TraceFormatException>(() => new Alibaba2018Reader(path).ReadJobs(new TraceReport()).ToList());

        Assert.That(error!.Line, Is.EqualTo(2));
        Assert.That(error.Field, Is.EqualTo("instance_num"));
    }

    [Test]
    public void Alibaba_MachineTimeThatWouldOverflow_IsAnError()
    {
        using var dir = new TempFolder();
        var path = dir.Write("machine_meta.csv", "m_1,9223372036854775,1,1,64,50,USING");

        Assert.That(() => new Alibaba2018Reader(path).ReadMachines(new TraceReport()).ToList(),
            Throws.TypeOf<TraceFormatException>().With.Property("Field").EqualTo("time_stamp"));
    }

    [Test]
    public void Alibaba_FileNamedAfterNoTable_IsAPathErrorNamingTheFile()
    {
        using var dir = new TempFolder();
        var path = dir.Write("machines.csv", "m_1,0,1,1,64,50,USING");

        var error = Assert.Throws<TracePathException>(() => new Alibaba2018Reader(path).ReadMachines(new TraceReport()).ToList());

        Assert.That(error!.Message, Does.Contain(path).And.Contain("machine_meta, batch_task").And.Contain("'machines.csv'"));
    }
}
