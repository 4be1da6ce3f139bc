using ClusterSim.RealAgent.Docker.Models;

namespace ClusterSim.RealAgent.Docker;

/// <summary>The daemon's event stream: how an agent learns that a container died without polling each one.</summary>
public interface IEventOperations
{
    /// <summary>
    /// GET /events: yields events as the daemon reports them, until <see cref="EventsParameters.Until"/>, until
    /// the daemon closes the stream (it shuts down), or until the token is cancelled (which ends the
    /// enumeration with OperationCanceledException). Events that
    /// happen before the stream is open are missed unless <see cref="EventsParameters.Since"/> covers them.
    /// </summary>
    IAsyncEnumerable<EventMessage> MonitorAsync(EventsParameters parameters, CancellationToken cancellationToken);
}
