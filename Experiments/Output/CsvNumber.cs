using System.Globalization;

namespace ClusterSim.Experiments.Output;

/// <summary>
/// The numbers of the CSV outputs, formatted into a caller's buffer instead of a new string each: a run writes
/// millions of task rows, and <c>ToString("0.######")</c> (a custom format, parsed on every call) was a few
/// per cent of a whole run. The bytes are those of <see cref="CsvTable.Format"/>'s definition: at most six
/// decimals, trailing zeros dropped, zero as "0", NaN as an empty cell, infinities as "inf" and "-inf".
/// </summary>
internal static class CsvNumber
{
    /// <summary>Room for any number <see cref="TryFormat(double, Span{char}, out int)"/> writes.</summary>
    public const int MaxLength = 400;

    /// <summary>Below this magnitude a value rounded to six decimals has at most 15 significant digits, so the
    /// custom format (15 digits of precision) shows exactly its six-decimal value, which integer arithmetic
    /// can write; larger ones take the custom format itself.</summary>
    private const double FastLimit = 1e9;

    public static bool TryFormat(double value, Span<char> to, out int written)
    {
        if (double.IsNaN(value))
        {
            written = 0;
            return true;
        }
        if (double.IsInfinity(value)) return (value > 0 ? "inf" : "-inf").TryCopyTo(to) ? Done(value > 0 ? 3 : 4, out written) : Fail(out written);
        double rounded = Math.Round(value, 6);
        if (rounded == 0) return "0".TryCopyTo(to) ? Done(1, out written) : Fail(out written);
        if (Math.Abs(rounded) >= FastLimit)
            return rounded.TryFormat(to, out written, "0.######", CultureInfo.InvariantCulture);

        // Math.Round(v, 6) is the double nearest n / 10^6 for an integer n, and scaling back recovers n exactly
        // at these magnitudes (the error is far below one half).
        long micro = (long)Math.Round(rounded * 1e6);
        int at = 0;
        if (micro < 0)
        {
            if (to.IsEmpty) return Fail(out written);
            to[at++] = '-';
            micro = -micro;
        }
        long whole = Math.DivRem(micro, 1_000_000, out long fraction);
        if (!whole.TryFormat(to[at..], out int n, default, CultureInfo.InvariantCulture)) return Fail(out written);
        at += n;
        if (fraction != 0)
        {
            int digits = 6;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }
            if (to.Length < at + 1 + digits) return Fail(out written);
            to[at++] = '.';
            for (int i = digits - 1; i >= 0; i--)
            {
                to[at + i] = (char)('0' + (int)(fraction % 10));
                fraction /= 10;
            }
            at += digits;
        }
        written = at;
        return true;
    }

    private static bool Done(int length, out int written)
    {
        written = length;
        return true;
    }

    private static bool Fail(out int written)
    {
        written = 0;
        return false;
    }
}
