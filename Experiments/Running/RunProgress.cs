namespace ClusterSim.Experiments.Running;

/// <summary>How far one run has got, written by the run's thread and read by the progress display.</summary>
public sealed class RunProgress(string label, double horizonSeconds)
{
    private long _simMicros;
    private long _tasksDone;
    private long _events;

    public string Label { get; } = label;
    public double HorizonSeconds { get; } = horizonSeconds;
    public double SimulatedSeconds => Interlocked.Read(ref _simMicros) / 1e6;
    public long TasksDone => Interlocked.Read(ref _tasksDone);
    public long Events => Interlocked.Read(ref _events);
    public bool Done { get; private set; }

    public void Report(double simulatedSeconds, long tasksDone, long events)
    {
        Interlocked.Exchange(ref _simMicros, (long)(simulatedSeconds * 1e6));
        Interlocked.Exchange(ref _tasksDone, tasksDone);
        Interlocked.Exchange(ref _events, events);
    }

    public void Finish() => Done = true;
}
