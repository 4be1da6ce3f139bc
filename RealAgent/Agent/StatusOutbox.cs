using System.Threading.Channels;
using ClusterSim.RealAgent.Protocol;

namespace ClusterSim.RealAgent.Agent;

/// <summary>
/// Status updates on their way to the master: sent in the order they were queued, each again every
/// <see cref="AgentOptions.ResendInterval"/> until the master acknowledges it, as a Mesos agent's status
/// update manager does; then <c>acknowledged</c> hears of it.
/// </summary>
public sealed class StatusOutbox(MasterClient master, TimeSpan resendInterval, Action<TaskStatusReport> acknowledged)
{
    private readonly Channel<TaskStatusReport> _queue = Channel.CreateUnbounded<TaskStatusReport>(new UnboundedChannelOptions { SingleReader = true });

    public void Send(TaskStatusReport report) => _queue.Writer.TryWrite(report);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var report in _queue.Reader.ReadAllAsync(cancellationToken))
            {
                while (!await master.SendStatusAsync(report, cancellationToken))
                    await Task.Delay(resendInterval, cancellationToken);
                acknowledged(report);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
