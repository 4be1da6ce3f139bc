using System.IO.Compression;

namespace ClusterSim.Workloads.Tests;

/// <summary>A fresh folder for hand-written trace files, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "clustersim-traces-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes the lines (joined with '\n') to a file under the folder and returns its path.</summary>
    public string Write(string relativePath, params string[] lines)
    {
        var path = Full(relativePath);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    public string WriteGzip(string relativePath, params string[] lines)
    {
        var path = Full(relativePath);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var writer = new StreamWriter(gzip);
        writer.Write(string.Join("\n", lines) + "\n");
        return path;
    }

    private string Full(string relativePath)
    {
        var path = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}
