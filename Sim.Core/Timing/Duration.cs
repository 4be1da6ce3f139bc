using System.Globalization;

namespace ClusterSim.Core.Timing;

/// <summary>
/// A span of time in microseconds. <see cref="Forever"/> stands for "never ends" (a task that runs until
/// killed, a filter that never expires).
/// </summary>
public readonly record struct Duration(long Micros) : IComparable<Duration>
{
    public static readonly Duration Zero = new(0);
    public static readonly Duration Forever = new(long.MaxValue);

    public bool IsForever => Micros == long.MaxValue;
    public double Seconds => Micros / 1_000_000.0;

    public static Duration FromMicros(long micros) => new(micros);
    public static Duration FromMilliseconds(double ms) => FromSeconds(ms / 1000.0);
    public static Duration FromSeconds(double seconds) =>
        double.IsPositiveInfinity(seconds) ? Forever : new(checked((long)Math.Round(seconds * 1_000_000.0)));
    public static Duration FromMinutes(double minutes) => FromSeconds(minutes * 60);
    public static Duration FromHours(double hours) => FromSeconds(hours * 3600);

    public static Duration operator +(Duration a, Duration b) =>
        a.IsForever || b.IsForever || a.Micros > long.MaxValue - b.Micros ? Forever : new(a.Micros + b.Micros);
    public static Duration operator *(Duration a, long k) =>
        a.IsForever ? Forever : new(checked(a.Micros * k));
    public static bool operator <(Duration a, Duration b) => a.Micros < b.Micros;
    public static bool operator >(Duration a, Duration b) => a.Micros > b.Micros;
    public static bool operator <=(Duration a, Duration b) => a.Micros <= b.Micros;
    public static bool operator >=(Duration a, Duration b) => a.Micros >= b.Micros;

    public int CompareTo(Duration other) => Micros.CompareTo(other.Micros);

    public static Duration Max(Duration a, Duration b) => a.Micros >= b.Micros ? a : b;

    /// <summary>Divides by a time-compression factor (live mode's timeScale, a trace's timeScale).</summary>
    public Duration Scale(double divisor) =>
        IsForever ? Forever : new((long)Math.Round(Micros / divisor));

    /// <summary>
    /// Parses a number with a unit (us, ms, s, m, h, d), e.g. "500ms", "1.5h", or "forever".
    /// </summary>
    public static Duration Parse(string text)
    {
        if (TryParse(text, out var d, out var error)) return d;
        throw new FormatException(error);
    }

    public static bool TryParse(string? text, out Duration duration, out string error)
    {
        duration = Zero;
        error = "";
        var s = text?.Trim() ?? "";
        if (s.Length == 0)
        {
            error = "expected a duration such as 500ms, 30s, 5m, 2h or forever, found an empty value";
            return false;
        }
        if (s == "forever")
        {
            duration = Forever;
            return true;
        }
        int split = s.Length;
        while (split > 0 && char.IsLetter(s[split - 1])) split--;
        string number = s[..split].Trim(), unit = s[split..];
        double scale = unit switch
        {
            "us" => 1,
            "ms" => 1e3,
            "s" => 1e6,
            "m" => 60e6,
            "h" => 3600e6,
            "d" => 86400e6,
            _ => double.NaN
        };
        if (double.IsNaN(scale))
        {
            error = unit.Length == 0
                ? $"expected a duration with a unit (us, ms, s, m, h, d), found '{s}'"
                : $"expected a duration unit us, ms, s, m, h or d, found '{unit}' in '{s}'";
            return false;
        }
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || double.IsNaN(value) || double.IsInfinity(value))
        {
            error = $"expected a number before the unit, found '{number}' in '{s}'";
            return false;
        }
        if (value < 0)
        {
            error = $"expected a duration of zero or more, found '{s}'";
            return false;
        }
        var micros = value * scale;
        if (micros >= long.MaxValue)
        {
            error = $"duration '{s}' is too long (use 'forever')";
            return false;
        }
        duration = new((long)Math.Round(micros));
        return true;
    }

    public override string ToString()
    {
        if (IsForever) return "forever";
        if (Micros % 1_000_000 == 0) return (Micros / 1_000_000).ToString(CultureInfo.InvariantCulture) + "s";
        if (Micros % 1000 == 0) return (Micros / 1000).ToString(CultureInfo.InvariantCulture) + "ms";
        return Micros.ToString(CultureInfo.InvariantCulture) + "us";
    }
}
