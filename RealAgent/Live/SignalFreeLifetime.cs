using Microsoft.Extensions.Hosting;

namespace ClusterSim.RealAgent.Live;

/// <summary>
/// The host lifetime for our embedded Kestrel servers. The default console lifetime takes SIGTERM and
/// Ctrl-C for itself and then waits for a host shutdown nobody drives here, so the process would ignore
/// them; with this one the signals reach the command, which stops the agent or the run.
/// </summary>
internal sealed class SignalFreeLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
