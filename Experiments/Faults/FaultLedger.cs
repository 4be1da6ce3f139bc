using ClusterSim.Core.Agents;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Output;
using ClusterSim.Experiments.Running;

namespace ClusterSim.Experiments.Faults;

/// <summary>
/// Books what faults cost a run: writes faults.csv (one row per fault, at the end of the run), counts the agents down now and the
/// agents that failed, and sums the cpu-seconds tasks ran and the part of them a fault threw away (a task
/// lost with its agent, or failed by a fault, had run that long for nothing). Tasks lost while a fault is
/// being carried out (between <see cref="Begin"/> and <see cref="End"/>) are charged to it, and so are the
/// other members a gang kills to restart after losing one. Only a run that
/// records faults has one; nothing here feeds back into the run.
/// </summary>
public sealed class FaultLedger : IMasterListener, IDisposable
{
    private readonly ILoop _loop;
    private readonly RunRecorder _recorder;
    private readonly CsvTable? _table;
    private readonly Dictionary<(int, TaskId), (double Cpus, Time? Start)> _live = [];
    private readonly List<FaultRecord> _records = [];
    private readonly Dictionary<(int, string), FaultRecord> _restarting = [];
    private FaultRecord? _current;
    private double _cpuSecondsRun;

    public FaultLedger(ILoop loop, RunRecorder recorder, string? directory)
    {
        _loop = loop;
        _recorder = recorder;
        if (directory != null)
            _table = new CsvTable(Path.Combine(directory, "faults.csv"), "time_s", "kind", "target", "tasks_lost", "work_lost_cpu_s");
    }

    /// <summary>Every fault so far, in the order they happened.</summary>
    public IReadOnlyList<FaultRecord> Records => _records;

    /// <summary>Agents failed and not yet registered again.</summary>
    public int AgentsDown { get; set; }

    public long AgentsFailed { get; private set; }

    public double WorkLostCpuSeconds { get; private set; }

    /// <summary>A fault starts: what is lost until <see cref="End"/> is charged to it. Each failed agent counts
    /// in <see cref="AgentsFailed"/> through <see cref="AgentFailed"/>.</summary>
    public void Begin(string kind, string target)
    {
        _current = new FaultRecord(_loop.Now.Seconds, kind, target);
        _records.Add(_current);
        // The digest covers faults, so two runs with the same faults are proven identical by it alone.
        _recorder.RecordFault(kind, target);
    }

    public void AgentFailed() => AgentsFailed++;

    /// <summary>The fault has been carried out.</summary>
    public void End() => _current = null;

    public void TaskLaunched(FrameworkId framework, AgentId agent, TaskSpec task, Time at) =>
        _live[(framework.Value, task.Id)] = (task.Resources.Cpus, null);

    public void TaskStatusChanged(StatusUpdate status)
    {
        var key = (status.Framework.Value, status.Task);
        if (!_live.TryGetValue(key, out var task)) return;
        if (status.State == TaskState.Running)
        {
            _live[key] = (task.Cpus, _loop.Now);
            return;
        }
        if (!status.State.IsTerminal()) return;
        _live.Remove(key);
        double ran = task.Start is { } start ? task.Cpus * (_loop.Now - start).Seconds : 0;
        _cpuSecondsRun += ran;
        if (status.State is TaskState.Lost or TaskState.Unreachable && _current is { } fault)
        {
            Charge(fault, ran);
            _restarting[(status.Framework.Value, JobOf(status.Task))] = fault;
        }
        else if (status.State == TaskState.Failed && status.Reason == SimulatedAgent.InjectedFailure)
        {
            _recorder.RecordFault("task", status.Task.Value);
            var record = new FaultRecord(_loop.Now.Seconds, "task", status.Task.Value);
            _records.Add(record);
            Charge(record, ran);
            _restarting[(status.Framework.Value, JobOf(status.Task))] = record;
        }
        else if (status.State == TaskState.Killed && task.Start is { } started
                 && _restarting.TryGetValue((status.Framework.Value, JobOf(status.Task)), out var cause)
                 && started.Seconds < cause.TimeSeconds)
        {
            // A gang that lost a member kills the others, running since before the fault, to restart whole:
            // their work is the fault's too. (A relaunched service instance killed later started after it.)
            Charge(cause, ran);
        }
    }

    private void Charge(FaultRecord fault, double ran)
    {
        fault.TasksLost++;
        fault.WorkLostCpuSeconds += ran;
        WorkLostCpuSeconds += ran;
    }

    /// <summary>The job of a task id, as frameworks name tasks (<c>JOB/INDEX</c>).</summary>
    private static string JobOf(TaskId task)
    {
        int slash = task.Value.LastIndexOf('/');
        return slash < 0 ? task.Value : task.Value[..slash];
    }

    /// <summary>What the faults cost, counting the tasks still running at <paramref name="end"/> as having
    /// run until then.</summary>
    public FaultCost Cost(Time end)
    {
        End();
        // Written at the end, as a gang's kills to restart are charged to the fault after it happened.
        foreach (var r in _records)
            _table?.Add(r.TimeSeconds).Add(r.Kind).Add(r.Target).Add(r.TasksLost).Add(r.WorkLostCpuSeconds).EndRow();
        double run = _cpuSecondsRun;
        foreach (var task in _live.Values)
            if (task.Start is { } start) run += task.Cpus * (end - start).Seconds;
        double goodput = run > 0 ? (run - WorkLostCpuSeconds) / run : double.NaN;
        return new FaultCost(AgentsFailed, WorkLostCpuSeconds, goodput);
    }

    public void Dispose() => _table?.Dispose();
}
