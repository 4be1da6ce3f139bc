using ClusterSim.Fuzz.Targets;

namespace ClusterSim.Fuzz;

/// <summary>
/// Runs one input through a target in a folder of its own, within a time limit, and says what went wrong:
/// null when the target read or properly rejected it, else a one-line description (an exception other than
/// the project's own, a <see cref="FuzzFinding"/>, or a hang).
/// </summary>
internal sealed class InputCheck(string workFolder, TimeSpan limit)
{
    private int _next;

    public string? Check(FuzzTarget target, byte[] input)
    {
        var folder = Path.Combine(workFolder, (_next++).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, target.FileName);
        File.WriteAllBytes(path, input);
        try
        {
            var run = Task.Run(() => target.Run(input, path));
            if (!run.Wait(limit)) return $"no answer within {limit.TotalSeconds:0} s (a hang, or work out of proportion to the input)";
            return null;
        }
        catch (AggregateException e) when (e.InnerException is { } inner)
        {
            return $"{inner.GetType().Name}: {inner.Message}" + (inner.StackTrace is { } trace ? " at " + trace.Split('\n')[0].Trim() : "");
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
