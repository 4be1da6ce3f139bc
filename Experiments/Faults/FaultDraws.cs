using ClusterSim.Core.Agents;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Random;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Model;

namespace ClusterSim.Experiments.Faults;

/// <summary>
/// The agents' side of a run's faults (<see cref="IAgentFaults"/>), one instance shared by every simulated
/// agent: whether a task fails and when (stream <c>faults/tasks/FRAMEWORK</c>, one draw per launch of that
/// framework's tasks), and message delays and losses (stream <c>faults/messages</c>). Draws happen in event
/// order, which a seed fixes.
/// </summary>
public sealed class FaultDraws : IAgentFaults
{
    private readonly Master _master;
    private readonly long _seed;
    private readonly Duration _horizon;
    private readonly Dictionary<string, double> _probabilities = new(StringComparer.Ordinal);
    private readonly Dictionary<int, (double P, RandomStream Stream)?> _byFramework = [];
    private readonly MessageFaults? _messages;
    private readonly RandomStream _messageStream;

    public FaultDraws(FaultSpec faults, long seed, Master master, Duration horizon)
    {
        _master = master;
        _seed = seed;
        _horizon = horizon;
        foreach (var t in faults.Tasks) _probabilities[t.Framework] = t.FailureProbability;
        _messages = faults.Messages;
        _messageStream = RandomStream.For(seed, "faults/messages");
    }

    /// <summary>Whether agents need this at all: some task or message fault is set.</summary>
    public static bool Needed(FaultSpec faults) => faults.Tasks.Count > 0 || faults.Messages != null;

    public Duration? FailureAfter(FrameworkId framework, TaskSpec task)
    {
        if (!_byFramework.TryGetValue(framework.Value, out var draws))
        {
            var name = _master.FrameworkInfoOf(framework).Name;
            draws = _probabilities.TryGetValue(name, out var p) && p > 0
                ? (p, RandomStream.For(_seed, "faults/tasks/" + name))
                : null;
            _byFramework[framework.Value] = draws;
        }
        if (draws is not { } d || d.Stream.NextDouble() >= d.P) return null;
        // A uniformly random point of the task's run; a task that runs forever (a service instance) fails at
        // a uniformly random point of the run's horizon.
        double length = task.Duration.IsForever ? _horizon.Seconds : task.Duration.Seconds;
        return Duration.FromSeconds(d.Stream.NextDouble() * length);
    }

    public Duration Delay() =>
        _messages?.Delay is { } delay ? Duration.FromSeconds(Math.Max(0, delay.Sample(_messageStream))) : Duration.Zero;

    public bool StatusUpdateLost() => _messages is { StatusUpdateLoss: > 0 } m && _messageStream.NextDouble() < m.StatusUpdateLoss;

    public Duration Resend => _messages?.Resend ?? MessageFaults.DefaultResend;
}
