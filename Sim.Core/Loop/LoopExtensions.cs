using ClusterSim.Core.Timing;

namespace ClusterSim.Core.Loop;

public static class LoopExtensions
{
    /// <summary>Runs <paramref name="action"/> after <paramref name="delay"/>; never, for a forever delay.</summary>
    public static TimerId After(this ILoop loop, Duration delay, Action action) =>
        delay.IsForever ? TimerId.None : loop.At(loop.Now + delay, action);

    /// <summary>Runs <paramref name="action"/> at the current instant, after everything already due now.</summary>
    public static TimerId Post(this ILoop loop, Action action) => loop.At(loop.Now, action);
}
