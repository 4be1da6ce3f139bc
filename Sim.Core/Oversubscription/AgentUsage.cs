namespace ClusterSim.Core.Oversubscription;

/// <summary>One agent's tasks and their allocation and usage, regular and revocable apart; revocable tasks in
/// launch order.</summary>
public sealed class AgentUsage(Resources.Resources capacity)
{
    private readonly List<TaskUse> _revocable = [];

    public Resources.Resources Capacity { get; } = capacity;
    public Resources.Resources RegularAllocated { get; private set; }
    public Resources.Resources RegularUsed { get; private set; }
    public Resources.Resources RevocableAllocated { get; private set; }
    public Resources.Resources RevocableUsed { get; private set; }
    public Resources.Resources Used => RegularUsed + RevocableUsed;

    /// <summary>Allocated but unused by regular tasks: what the estimator may lend out.</summary>
    public Resources.Resources Slack => RegularAllocated.SubtractFloored(RegularUsed);

    public IReadOnlyList<TaskUse> Revocable => _revocable;

    internal void Add(TaskUse task)
    {
        if (task.Revocable)
        {
            _revocable.Add(task);
            RevocableAllocated += task.Allocated;
            RevocableUsed += task.Used;
        }
        else
        {
            RegularAllocated += task.Allocated;
            RegularUsed += task.Used;
        }
    }

    internal void Remove(TaskUse task)
    {
        if (task.Revocable)
        {
            _revocable.Remove(task);
            RevocableAllocated -= task.Allocated;
            RevocableUsed -= task.Used;
        }
        else
        {
            RegularAllocated -= task.Allocated;
            RegularUsed -= task.Used;
        }
    }
}
