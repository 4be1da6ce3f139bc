using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace ClusterSim.RealAgent.Tests.Live;

/// <summary>A clustersim process (run --live, agent, master) with its output captured for assertions.</summary>
public sealed class ClusterProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _openStreams = 2;

    private ClusterProcess(string label, Process process)
    {
        Label = label;
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Label { get; }

    public string Output
    {
        get { lock (_lock) return _output.ToString(); }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The operating system's process id (to signal it).</summary>
    public int Id => _process.Id;

    public static ClusterProcess Start(string label, string binary, IEnumerable<string> arguments, string workingDirectory) =>
        StartProgram(label, "dotnet", arguments.Prepend(binary), workingDirectory);

    /// <summary>Any program (e.g. python3 running an example framework), its output captured the same way.</summary>
    public static ClusterProcess StartProgram(string label, string program, IEnumerable<string> arguments, string workingDirectory)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {label}");
        return new ClusterProcess(label, process);
    }

    /// <summary>Adds a line (null: one of the two streams ended) and wakes whoever waits for output.</summary>
    private void Append(string? line)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            if (line == null) _openStreams--;
            else _output.AppendLine(line);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }

    /// <summary>Waits for a line matching <paramref name="pattern"/>; fails the test with the output on timeout.</summary>
    public async Task<Match> WaitForAsync(string pattern, TimeSpan timeout)
    {
        var regex = new Regex(pattern);
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            string output;
            bool ended;
            lock (_lock)
            {
                changed = _changed.Task;
                output = _output.ToString();
                ended = _openStreams == 0;
            }
            var match = regex.Match(output);
            if (match.Success) return match;
            if (ended) break;
            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        Assert.Fail($"{Label} did not print /{pattern}/ within {timeout.TotalSeconds} s (exited: {_process.HasExited}). Output:\n{Output}");
        throw new UnreachableException();
    }

    /// <summary>Waits for the process to exit; returns its exit code, failing the test on timeout.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{Label} did not exit within {timeout.TotalSeconds} s. Output:\n{Output}");
        }
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    /// <summary>Kills the process at once (SIGKILL), as a crashed host would.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(5000);
    }

    public void Dispose()
    {
        try { Kill(); } catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
