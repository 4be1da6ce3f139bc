using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Model;

namespace ClusterSim.Workloads.Traces.Alibaba2018;

/// <summary>
/// Expands one Alibaba job's batch_task rows into task instances whose <see cref="WorkloadTask.Parents"/>
/// follow the DAG of the task names: an instance of a task starts only after every instance of each of its
/// parent tasks finished.
/// </summary>
internal static class BatchJobDag
{
    /// <summary>
    /// The job's tasks, rows in file order and each row's instances consecutively; null when the DAG has a
    /// cycle. A parent number no row of the job carries (the trace lacks it, or its row was skipped) is
    /// dropped and counted in the report's adjustments.
    /// </summary>
    public static WorkloadTask[]? Expand(IReadOnlyList<BatchTaskRow> rows, Time submit, TraceClock clock,
        TraceReport report)
    {
        var names = rows.Select(r => AlibabaTaskName.Parse(r.TaskName)).ToArray();
        var rowsByNumber = new Dictionary<int, List<int>>();
        for (int i = 0; i < rows.Count; i++)
            if (names[i].Number is { } n)
                (rowsByNumber.TryGetValue(n, out var list) ? list : rowsByNumber[n] = new List<int>()).Add(i);

        var parentRows = new List<int>[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            parentRows[i] = new List<int>();
            if (!names[i].Encoded) report.Adjust("task name without a DAG encoding replayed as independent");
            foreach (int p in names[i].Parents)
            {
                if (rowsByNumber.TryGetValue(p, out var parents)) parentRows[i].AddRange(parents);
                else report.Adjust("dependency on a task missing from its job dropped");
            }
        }
        if (HasCycle(parentRows)) return null;

        var first = new int[rows.Count];
        int total = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            first[i] = total;
            total = checked(total + rows[i].Instances);
        }
        var tasks = new WorkloadTask[total];
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            // One parent list per task row, shared by its instances.
            IReadOnlyList<int> parents = parentRows[i].Count == 0
                ? WorkloadTask.NoParents
                : parentRows[i].Distinct().Order().SelectMany(p => Enumerable.Range(first[p], rows[p].Instances)).ToArray();
            var duration = clock.Scale(Duration.FromSeconds(row.EndSeconds - row.StartSeconds));
            for (int k = 0; k < row.Instances; k++)
            {
                tasks[first[i] + k] = new WorkloadTask(first[i] + k, row.TaskName, row.Request, duration, submit, 0,
                    row.Outcome, parents)
                {
                    Usage = row.Usage,
                };
            }
        }
        return tasks;
    }

    /// <summary>Kahn's algorithm: a cycle leaves some rows that never become ready.</summary>
    private static bool HasCycle(List<int>[] parentRows)
    {
        var waiting = parentRows.Select(p => p.Count).ToArray();
        var children = parentRows.Select(_ => new List<int>()).ToArray();
        for (int i = 0; i < parentRows.Length; i++)
            foreach (int p in parentRows[i]) children[p].Add(i);
        var ready = new Queue<int>(Enumerable.Range(0, parentRows.Length).Where(i => waiting[i] == 0));
        int done = 0;
        while (ready.TryDequeue(out int r))
        {
            done++;
            foreach (int c in children[r])
                if (--waiting[c] == 0) ready.Enqueue(c);
        }
        return done < parentRows.Length;
    }
}
