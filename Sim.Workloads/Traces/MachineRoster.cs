using ClusterSim.Core.Resources;
using ClusterSim.Workloads.Model;

namespace ClusterSim.Workloads.Traces;

/// <summary>
/// Turns a trace's machine rows, in time order, into the replay's machine events: it keeps which machines are
/// in the cluster, drops rows that change nothing (counted), and at the window start adds every machine
/// that joined before it, so a replay of a later window starts with the cluster as it then was.
/// </summary>
internal sealed class MachineRoster(TraceClock clock, TraceReport report)
{
    private readonly Dictionary<string, Resources> _present = new(StringComparer.Ordinal);
    private readonly HashSet<string> _everAdded = new(StringComparer.Ordinal);
    private readonly HashSet<string> _emittedAdds = new(StringComparer.Ordinal);
    // Machines in the order they first joined: the window-start adds follow it, not hash order.
    private readonly List<string> _joinOrder = new();
    private bool _windowOpen;

    public bool IsPresent(string machineId) => _present.ContainsKey(machineId);

    /// <summary>
    /// Applies one row at trace time <paramref name="traceMicros"/> (which must be inside or before the window)
    /// and returns the events it causes (none, one, or at the window's opening the machines already present).
    /// </summary>
    public IEnumerable<MachineEvent> Apply(long traceMicros, string machineId, MachineChange kind, Resources capacity)
    {
        var events = new List<MachineEvent>();
        bool inWindow = traceMicros >= clock.FromMicros;
        if (inWindow) OpenWindow(events);
        var at = clock.ToReplay(Math.Max(traceMicros, clock.FromMicros));
        switch (kind)
        {
            case MachineChange.Add when _present.TryGetValue(machineId, out var known):
            case MachineChange.Update when _present.TryGetValue(machineId, out known):
                if (known == capacity)
                {
                    report.Skip(SkipReason.MachineUnchanged);
                    break;
                }
                if (kind == MachineChange.Add) report.Adjust("machine ADD of a machine already present replayed as UPDATE");
                _present[machineId] = capacity;
                if (inWindow) Emit(events, new MachineEvent(at, machineId, MachineChange.Update, capacity));
                break;
            case MachineChange.Add:
                _present[machineId] = capacity;
                if (_everAdded.Add(machineId)) _joinOrder.Add(machineId);
                if (inWindow) Emit(events, new MachineEvent(at, machineId, MachineChange.Add, capacity));
                break;
            case MachineChange.Update:
            case MachineChange.Remove when !_present.ContainsKey(machineId):
                report.Skip(SkipReason.UnknownMachine);
                break;
            case MachineChange.Remove:
                _present.Remove(machineId);
                if (inWindow) Emit(events, new MachineEvent(at, machineId, MachineChange.Remove, Resources.Empty));
                break;
        }
        return events;
    }

    /// <summary>Events still owed when the rows ended before the window opened: the machines then present.</summary>
    public IEnumerable<MachineEvent> Finish()
    {
        var events = new List<MachineEvent>();
        OpenWindow(events);
        return events;
    }

    private void OpenWindow(List<MachineEvent> events)
    {
        if (_windowOpen) return;
        _windowOpen = true;
        var at = clock.ToReplay(clock.FromMicros);
        foreach (var id in _joinOrder)
            if (_present.TryGetValue(id, out var capacity))
                Emit(events, new MachineEvent(at, id, MachineChange.Add, capacity));
    }

    private void Emit(List<MachineEvent> events, MachineEvent e)
    {
        report.AddMachineEvent();
        if (e.Kind == MachineChange.Add && _emittedAdds.Add(e.MachineId)) report.AddMachine();
        events.Add(e);
    }
}
