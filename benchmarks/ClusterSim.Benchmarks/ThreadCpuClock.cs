using System.Runtime.InteropServices;

namespace ClusterSim.Benchmarks;

/// <summary>
/// The calling thread's CPU time (Linux CLOCK_THREAD_CPUTIME_ID). On a machine shared with other work a run's
/// wall time includes the time the thread waited for a core; its CPU time does not, so it is the steadier
/// figure for comparing two builds (this machine's virtual CPUs expose no hardware counters to perf stat).
/// Zero where the clock is not available.
/// </summary>
internal static class ThreadCpuClock
{
    private const int ThreadCpuTimeId = 3;

    public static TimeSpan Now
    {
        get
        {
            if (!OperatingSystem.IsLinux()) return TimeSpan.Zero;
            return ClockGetTime(ThreadCpuTimeId, out var t) == 0
                ? TimeSpan.FromTicks(t.Seconds * TimeSpan.TicksPerSecond + t.Nanoseconds / 100)
                : TimeSpan.Zero;
        }
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
