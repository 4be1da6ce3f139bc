using ClusterSim.Core.Random;
using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Model;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Workloads.Synthetic;

/// <summary>
/// Jobs drawn from distributions: <see cref="Jobs"/> arrivals, each with a task count and per-task durations
/// drawn from their own streams (so changing the duration distribution does not move the arrivals), all
/// tasks of size <see cref="Task"/>. Generated lazily: a million tasks are never held at once; a job's tasks
/// are <see cref="UniformTasks"/>, records made when read.
/// </summary>
public sealed record SyntheticWorkload(int Jobs, Arrival Arrival, Distribution TasksPerJob, Distribution TaskDuration, R Task)
{
    public IEnumerable<WorkloadJob> Generate(long seed, string name)
    {
        var arrivals = RandomStream.For(seed, name + "/arrivals");
        var counts = RandomStream.For(seed, name + "/tasks");
        var durations = RandomStream.For(seed, name + "/durations");
        int job = 0;
        foreach (var submit in Arrival.Times(Jobs, arrivals))
        {
            int n = Math.Max(1, (int)Math.Round(TasksPerJob.Sample(counts)));
            var runTimes = new Duration[n];
            for (int i = 0; i < n; i++)
            {
                double seconds = TaskDuration.Sample(durations);
                runTimes[i] = double.IsPositiveInfinity(seconds) ? Duration.Forever : Duration.FromSeconds(Math.Max(0.000001, seconds));
            }
            // The tasks differ only in run time: one shared record and the run times (see UniformTasks).
            var shape = new WorkloadTask(0, "", Task, runTimes[0], submit, 0, TaskOutcome.Finished, WorkloadTask.NoParents);
            yield return new WorkloadJob($"{name}-{job++}", submit, new UniformTasks(shape, runTimes)) { IdIsUnique = true };
        }
    }
}
