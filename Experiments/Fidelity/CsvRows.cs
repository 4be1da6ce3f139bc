using System.Globalization;
using System.Text;

namespace ClusterSim.Experiments.Fidelity;

/// <summary>The rows of one of a run's CSV files, by column name; errors name the file and the column.</summary>
public sealed class CsvRows
{
    private readonly string _path;
    private readonly List<Dictionary<string, string>> _rows = [];

    private CsvRows(string path) => _path = path;

    public IReadOnlyList<Dictionary<string, string>> Rows => _rows;

    public static CsvRows Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path} does not exist; expected the output folder of a clustersim run");
        var rows = new CsvRows(path);
        string[]? header = null;
        foreach (var fields in Records(File.ReadAllText(path)))
        {
            if (header == null)
            {
                header = fields;
                continue;
            }
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < header.Length; i++) row[header[i]] = i < fields.Length ? fields[i] : "";
            rows._rows.Add(row);
        }
        return rows;
    }

    /// <summary>RFC 4180 records, as CsvTable writes them: fields quoted when they hold a comma, quote or newline.</summary>
    private static IEnumerable<string[]> Records(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                fields.Add(field.ToString());
                field.Clear();
                yield return fields.ToArray();
                fields.Clear();
            }
            else field.Append(c);
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return fields.ToArray();
        }
    }

    /// <summary>A number, or NaN when the cell is empty (a task that never started has no start).</summary>
    public double Number(Dictionary<string, string> row, string column)
    {
        if (!row.TryGetValue(column, out var text)) throw new InvalidDataException($"{_path}: expected a column '{column}'");
        if (text.Length == 0) return double.NaN;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new InvalidDataException($"{_path}: column '{column}': expected a number, found '{text}'");
    }
}
