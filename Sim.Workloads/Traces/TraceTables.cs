namespace ClusterSim.Workloads.Traces;

/// <summary>
/// Finds the files of each table of a multi-table trace (Google's task_events, job_events, machine_events;
/// Alibaba's machine_meta, batch_task) under a path given by the user, which may be:
/// one file (its name, or its folder's, contains the table's name); a folder laid out as the published bucket, one
/// sub-folder per table (<c>task_events/part-00000-of-00500.csv.gz</c>); or a folder that directly holds
/// files whose names contain the table's name (<c>google2011_task_events_part-00001-of-00500.csv.gz</c>,
/// <c>machine_meta.csv</c>). Files of one table are read in ordinal name order, which is part order.
/// </summary>
internal static class TraceTables
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Locate(string path, IReadOnlyList<string> tables)
    {
        var found = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            // A bucket part file (task_events/part-00000-of-00500.csv.gz) is named by its folder.
            var name = System.IO.Path.GetFileName(path);
            var folder = System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))) ?? "";
            var table = tables.FirstOrDefault(t => name.Contains(t, StringComparison.Ordinal))
                ?? tables.FirstOrDefault(t => folder == t);
            if (table is null)
                throw new TracePathException(path,
                    $"trace file '{path}': expected a file name (or folder name) containing one of {string.Join(", ", tables)}, found '{name}'");
            found[table] = [path];
            return found;
        }
        if (!Directory.Exists(path)) throw new DirectoryNotFoundException($"trace path '{path}' does not exist");
        foreach (var table in tables)
        {
            var folder = System.IO.Path.Combine(path, table);
            var files = Directory.Exists(folder)
                ? Directory.GetFiles(folder).Where(IsData)
                : Directory.GetFiles(path).Where(f => IsData(f) &&
                    System.IO.Path.GetFileName(f).Contains(table, StringComparison.Ordinal));
            var sorted = files.OrderBy(f => System.IO.Path.GetFileName(f), StringComparer.Ordinal).ToArray();
            if (sorted.Length > 0) found[table] = sorted;
        }
        if (found.Count == 0)
            throw new TracePathException(path,
                $"trace folder '{path}': expected files or sub-folders named after {string.Join(", ", tables)}, found none");
        return found;
    }

    /// <summary>The files a table can hold: CSV, gzipped or plain (not checksums or notes next to them).</summary>
    private static bool IsData(string file) =>
        file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ||
        file.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase);

    public static IReadOnlyList<string> Of(IReadOnlyDictionary<string, IReadOnlyList<string>> tables, string table) =>
        tables.TryGetValue(table, out var files) ? files : [];
}
