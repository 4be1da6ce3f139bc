namespace ClusterSim.Workloads.Synthetic;

/// <summary>How synthetic jobs arrive.</summary>
public enum ArrivalKind
{
    /// <summary>A Poisson process: exponential gaps with the given rate.</summary>
    Poisson,

    /// <summary>Each job at an independent uniform time in [from, to].</summary>
    Uniform,

    /// <summary>All jobs at one instant.</summary>
    At,

    /// <summary>One job every fixed interval, the first at zero.</summary>
    Every,
}
