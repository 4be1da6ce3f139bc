using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Synthetic;

namespace ClusterSim.Experiments.Model;

/// <summary>Each status update an agent sends is lost with <see cref="StatusUpdateLoss"/> and resent, as the
/// live agent's StatusOutbox resends until acknowledged (in order, every <see cref="Resend"/>); every message
/// between the master and an agent or a framework takes a draw of <see cref="Delay"/> seconds (null: none), in
/// order per direction.</summary>
public sealed record MessageFaults(double StatusUpdateLoss, Distribution? Delay, Duration Resend)
{
    /// <summary>The live agent's resend interval (AgentOptions.ResendInterval).</summary>
    public static readonly Duration DefaultResend = Duration.FromSeconds(1);
}
