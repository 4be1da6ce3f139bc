using System.Collections.Immutable;
using System.Globalization;

namespace ClusterSim.Core.Resources;

/// <summary>
/// Resources as an agent advertises them: unreserved quantities plus quantities reserved for roles, in the
/// Mesos text form <c>cpus:8;mem:4096;cpus(analytics):4;mem(analytics):2048</c>.
/// </summary>
public sealed record ResourceSet(Resources Unreserved, ImmutableSortedDictionary<string, Resources> Reserved)
{
    public static readonly ResourceSet Empty =
        new(Resources.Empty, ImmutableSortedDictionary<string, Resources>.Empty.WithComparers(StringComparer.Ordinal));

    public static ResourceSet Of(Resources unreserved) => Empty with { Unreserved = unreserved };

    /// <summary>Everything, reserved or not.</summary>
    public Resources Total => Reserved.Values.Aggregate(Unreserved, (a, b) => a + b);

    public Resources ReservedFor(string role) => Reserved.TryGetValue(role, out var r) ? r : Resources.Empty;

    /// <summary>
    /// The largest quantity of one resource an agent or request may name: 10^9 (cpus, or MB of mem and disk,
    /// a petabyte), so that the fixed-point sums of a million agents stay far inside an int64.
    /// </summary>
    public const double MaxQuantity = 1e9;

    /// <exception cref="ResourceFormatException">The text is not a resource string; the message says where and why.</exception>
    public static ResourceSet Parse(string text)
    {
        if (TryParse(text, out var set, out var error, out int column)) return set;
        throw new ResourceFormatException(text, column, error);
    }

    /// <summary>
    /// Parses <c>name[(role)]:value</c> parts separated by ';'. The error names the offending part and what
    /// was expected. A resource named twice (for the same role) is an error, not a silent sum.
    /// </summary>
    public static bool TryParse(string? text, out ResourceSet set, out string error) =>
        TryParse(text, out set, out error, out _);

    private static bool TryParse(string? text, out ResourceSet set, out string error, out int column)
    {
        set = Empty;
        error = "";
        column = 1;
        if (text == null || text.Trim().Length == 0)
        {
            error = "expected resources such as 'cpus:2;mem:1024', found an empty value";
            return false;
        }
        var unreserved = Resources.Empty;
        var reserved = ImmutableSortedDictionary.CreateBuilder<string, Resources>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int partStart = 0;
        foreach (var rawPart in text.Split(';'))
        {
            column = partStart + 1 + (rawPart.Length - rawPart.TrimStart().Length);
            partStart += rawPart.Length + 1;
            var part = rawPart.Trim();
            if (part.Length == 0) continue;
            int colon = part.IndexOf(':');
            if (colon < 0)
            {
                error = $"'{part}' in '{text}': expected name:value, e.g. cpus:2";
                return false;
            }
            string name = part[..colon].Trim(), valueText = part[(colon + 1)..].Trim();
            string? role = null;
            int open = name.IndexOf('(');
            if (open >= 0)
            {
                if (!name.EndsWith(')') || open == 0)
                {
                    error = $"'{part}' in '{text}': expected a reservation like cpus(role):4";
                    return false;
                }
                role = name[(open + 1)..^1].Trim();
                name = name[..open].Trim();
                if (role.Length == 0 || role == "*")
                {
                    if (role == "*") role = null; // Mesos writes unreserved as role "*"
                    else
                    {
                        error = $"'{part}' in '{text}': the reservation names no role";
                        return false;
                    }
                }
            }
            if (!ResourceKinds.TryParse(name, out var kind))
            {
                error = $"'{part}' in '{text}': unknown resource '{name}', expected cpus, mem, disk or gpus";
                return false;
            }
            if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                || double.IsNaN(value) || double.IsInfinity(value))
            {
                error = $"'{part}' in '{text}': expected a number for {name}, found '{valueText}'";
                return false;
            }
            if (value < 0)
            {
                error = $"'{part}' in '{text}': {name} must not be negative";
                return false;
            }
            if (value > MaxQuantity)
            {
                error = $"'{part}' in '{text}': expected {name} of at most {MaxQuantity:0}, found {valueText}";
                return false;
            }
            if (!seen.Add(name + "(" + (role ?? "*") + ")"))
            {
                error = $"'{part}' in '{text}': {name}{(role == null ? "" : $"({role})")} is given twice";
                return false;
            }
            if (role == null)
                unreserved = unreserved.With(kind, value);
            else
                reserved[role] = (reserved.TryGetValue(role, out var r) ? r : Resources.Empty).With(kind, value);
        }
        if (seen.Count == 0)
        {
            column = 1;
            error = $"'{text}': expected resources such as 'cpus:2;mem:1024'";
            return false;
        }
        set = new ResourceSet(unreserved, reserved.ToImmutable());
        return true;
    }

    public override string ToString()
    {
        var parts = new List<string>();
        if (!Unreserved.IsEmpty) parts.Add(Unreserved.Format(null));
        foreach (var (role, r) in Reserved)
            if (!r.IsEmpty) parts.Add(r.Format(role));
        return parts.Count == 0 ? "{}" : string.Join(";", parts);
    }
}
