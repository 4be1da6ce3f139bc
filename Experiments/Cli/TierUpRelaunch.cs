using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ClusterSim.Experiments.Cli;

/// <summary>
/// Starts a simulation command again in a child process whose runtime promotes hot methods to optimized code
/// at once, and waits for it. The runtime's tiered compilation waits until 100 ms pass without a new method
/// being compiled before it counts calls (<c>TC_CallCountingDelayMs</c>); a simulation's first seconds compile
/// new methods all the time, so its busiest loop ran unoptimized for seconds: 9.5% of the run thread's
/// samples on the 10k-agent day (docs/PERFORMANCE.md, 2026-11-29). With the delay at 0 that day took 7.0-7.3 s
/// instead of 8.1-9.9 s, and the profile-guided code that long runs need is kept (compiling every method
/// optimized at its first call, the other way to skip the wait, lost it: Experiments.csproj). The runtime
/// reads this setting from the environment only, hence a child process; it inherits the terminal, so progress
/// and exit status are the child's own.
/// </summary>
public static class TierUpRelaunch
{
    /// <summary>The runtime setting the child gets; a user who sets it (to anything) keeps their value and one process.</summary>
    public const string Setting = "DOTNET_TC_CallCountingDelayMs";

    /// <summary>The parent's process id, given to the child so that it can end with its parent.</summary>
    private const string ParentVariable = "CLUSTERSIM_RELAUNCHED_BY";

    /// <summary>
    /// Whether this parsed command line should run in a child: a simulation (<c>run</c> without <c>--live</c>,
    /// or <c>bench</c> other than its live load test), not already in such a child, nor under a debugger.
    /// Live commands stay in this process: their operators and tests signal and kill them by process id.
    /// </summary>
    public static bool Applies(ParseResult parsed, Func<string, string?> environment)
    {
        if (parsed.Errors.Count > 0 || Debugger.IsAttached || !OperatingSystem.IsLinux()) return false;
        if (environment(Setting) != null || environment("COMPlus_TC_CallCountingDelayMs") != null
            || environment("DOTNET_TieredCompilation") != null) return false;
        var command = parsed.CommandResult.Command;
        return command.Name switch
        {
            "run" => !parsed.GetValue<bool>("--live"),
            "bench" => true,
            _ => false,
        };
    }

    /// <summary>
    /// In a relaunched child: asks the kernel for SIGTERM when the parent dies, even by SIGKILL, which the parent
    /// cannot pass on (prctl PR_SET_PDEATHSIG); if the parent is already gone, ends now. The variable is then
    /// removed, so that this program's own children (a benchmark's runs) are not bound to this process.
    /// </summary>
    public static void BindToParent()
    {
        var parent = Environment.GetEnvironmentVariable(ParentVariable);
        if (parent == null) return;
        Environment.SetEnvironmentVariable(ParentVariable, null);
        if (!OperatingSystem.IsLinux() || !int.TryParse(parent, out var pid)) return;
        const int setParentDeathSignal = 1, sigterm = 15;
        _ = SetParentDeathSignal(setParentDeathSignal, sigterm);
        // The parent may have died before the request was made, and then no signal comes.
        if (ParentProcessId() != pid) _ = Kill(Environment.ProcessId, sigterm);
    }

    /// <summary>
    /// Runs this program again with the same arguments and the setting, and returns the child's exit status.
    /// Signals sent to this process alone (SIGTERM from a job scheduler, SIGINT from <c>kill -INT</c>) are
    /// passed on and this process waits for the child to end, so neither outlives the other; a terminal's
    /// Ctrl+C reaches both, and this process then only waits. Killed outright, it takes the child with it
    /// (<see cref="BindToParent"/>).
    /// </summary>
    public static int Run(IReadOnlyList<string> args)
    {
        var program = ThisProgram.Command();
        var start = new ProcessStartInfo(program[0]) { UseShellExecute = false };
        foreach (var part in program.Skip(1).Concat(args)) start.ArgumentList.Add(part);
        start.Environment[Setting] = "0";
        start.Environment[ParentVariable] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start " + program[0]);
        using var term = Forward(PosixSignal.SIGTERM, child);
        using var interrupt = Forward(PosixSignal.SIGINT, child);
        using var hangUp = Forward(PosixSignal.SIGHUP, child);
        using var quit = Forward(PosixSignal.SIGQUIT, child);
        child.WaitForExit();
        return child.ExitCode;
    }

    private static PosixSignalRegistration Forward(PosixSignal signal, Process child) =>
        PosixSignalRegistration.Create(signal, context =>
        {
            // This process stays until the child has ended; the child decides what the signal means.
            context.Cancel = true;
            if (!child.HasExited) _ = Kill(child.Id, SignalNumber(signal));
        });

    // Linux's numbers (signal(7)); PosixSignal's values are negative placeholders, not the platform's numbers.
    private static int SignalNumber(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGQUIT => 3,
        PosixSignal.SIGTERM => 15,
        _ => throw new ArgumentOutOfRangeException(nameof(signal)),
    };

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [DllImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static extern int SetParentDeathSignal(int option, nint signal);

    [DllImport("libc", EntryPoint = "getppid")]
    private static extern int ParentProcessId();
}
