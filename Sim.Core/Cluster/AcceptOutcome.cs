namespace ClusterSim.Core.Cluster;

/// <summary>What became of an accept.</summary>
public enum AcceptOutcome
{
    /// <summary>The tasks were launched; the unused part of the offers was declined.</summary>
    Launched,

    /// <summary>An offer was no longer outstanding (rescinded, timed out, answered); tasks reported LOST.</summary>
    OfferNotOutstanding,

    /// <summary>The tasks need more than the offers hold, or reuse a task id; tasks reported LOST,
    /// the offers' resources returned.</summary>
    Invalid,
}
