namespace ClusterSim.Core.Loop;

/// <summary>A timer target that needs no closure: the loop hands back the argument it was scheduled with.</summary>
public interface ITimerHandler
{
    void OnTimer(long arg);
}
