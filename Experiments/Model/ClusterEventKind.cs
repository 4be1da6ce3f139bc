namespace ClusterSim.Experiments.Model;

public enum ClusterEventKind
{
    SetQuota,
    SetWeight,
    Reserve,
    Unreserve,
    FailAgent,
    RepairAgent,
    FailRack,
    FailMaster,
}
