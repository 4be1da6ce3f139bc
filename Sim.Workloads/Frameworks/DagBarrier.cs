namespace ClusterSim.Workloads.Frameworks;

/// <summary>The tasks of one DAG stage wait here until every parent finished.</summary>
internal sealed class DagBarrier(int parents)
{
    public int Remaining { get; set; } = parents;
    public List<TrackedTask> Waiting { get; } = [];
}
