namespace ClusterSim.RealAgent.Master.Registry;

/// <summary>A task the leader launched and has not seen end: how a new leader knows which tasks to report
/// LOST when their agent does not come back (Mesos learns tasks only from re-registering agents and leaves the
/// rest to the frameworks' reconciliation; the project's frameworks do not reconcile on their own).
/// <see cref="Revocable"/>: the task runs on revocable resources, so a new leader takes it back as revocable
/// (Mesos knows it from the re-registering agent's task resources, each with its RevocableInfo); absent in
/// entries written before it was kept: false.</summary>
public sealed record RegisteredTask(string Agent, int FrameworkId, string TaskId, double Cpus, double Mem)
{
    public bool Revocable { get; init; }
}
