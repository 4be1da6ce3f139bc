namespace ClusterSim.RealAgent.Master.Registry;

/// <summary>An agent the registry named that has not re-registered with the new leader yet (Mesos's
/// slaves.recovered), with the tasks, reservations and oversubscribed total the registry holds for it.</summary>
public sealed class RecoveringAgent(string name)
{
    public string Name { get; } = name;
    public List<RegisteredTask> Tasks { get; } = [];
    public List<RegisteredReservation> Reservations { get; } = [];
    public RegisteredOversubscribed? Oversubscribed { get; set; }
}
