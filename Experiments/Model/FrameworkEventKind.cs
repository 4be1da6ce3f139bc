namespace ClusterSim.Experiments.Model;

public enum FrameworkEventKind
{
    Deactivate,
    Activate,
    Update,
}
