using System.Text;

namespace ClusterSim.Fuzz;

/// <summary>
/// Seeded mutations of a valid input, in the spirit of AFL's havoc stage but aware of the traces' text: bit
/// flips, byte changes, cut, deleted and repeated ranges, swapped lines, and fields replaced by values that
/// break parsers (empty, -1, 1e300, NaN, int64 bounds, words). The same seed gives the same mutations.
/// </summary>
internal sealed class Mutator(int seed)
{
    private static readonly string[] Interesting =
    [
        "", "-1", "0", "1", "101", "1e300", "-1e300", "NaN", "Infinity", "9223372036854775807", "-9223372036854775808",
        "18446744073709551616", "4294967296", "2147483648", "0.5", "1e-320", "x", "USING", "M1_2", "task_", "cpus(ml)",
        "\"", ";", ":", ",", "\t", "\r\n",
    ];

    private static readonly byte[] InterestingBytes = "\n\r\t ,;:.-+e0901()_\"".Select(c => (byte)c).Append((byte)0).Append((byte)0xff).ToArray();

    private readonly Random _random = new(seed);

    /// <summary>One to four mutations of <paramref name="input"/>; text ones only when <paramref name="binary"/> is false.</summary>
    public byte[] Mutate(byte[] input, bool binary)
    {
        var data = new List<byte>(input);
        int count = 1 + _random.Next(4);
        for (int i = 0; i < count; i++)
        {
            int choice = _random.Next(binary ? 5 : 8);
            switch (choice)
            {
                case 0 when data.Count > 0:
                    data[_random.Next(data.Count)] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1 when data.Count > 0:
                    data[_random.Next(data.Count)] = InterestingBytes[_random.Next(InterestingBytes.Length)];
                    break;
                case 2 when data.Count > 0:
                    int cut = _random.Next(data.Count);
                    data.RemoveRange(cut, data.Count - cut);
                    break;
                case 3 when data.Count > 0:
                    DeleteRange(data);
                    break;
                case 4 when data.Count > 0:
                    RepeatRange(data);
                    break;
                case 5:
                    ReplaceField(data);
                    break;
                case 6:
                    SwapLines(data);
                    break;
                case 7:
                    ReplaceField(data);
                    ReplaceField(data);
                    break;
            }
        }
        return data.ToArray();
    }

    private void DeleteRange(List<byte> data)
    {
        int start = _random.Next(data.Count);
        data.RemoveRange(start, Math.Min(data.Count - start, 1 + _random.Next(32)));
    }

    private void RepeatRange(List<byte> data)
    {
        int start = _random.Next(data.Count);
        int length = Math.Min(data.Count - start, 1 + _random.Next(64));
        data.InsertRange(_random.Next(data.Count + 1), data.GetRange(start, length));
    }

    /// <summary>Replaces one field (a run between separators) by an interesting value.</summary>
    private void ReplaceField(List<byte> data)
    {
        var text = Encoding.UTF8.GetString(data.ToArray());
        var bounds = new List<(int Start, int End)>();
        int start = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && !IsSeparator(text[i])) continue;
            bounds.Add((start, i));
            start = i + 1;
        }
        var (s, e) = bounds[_random.Next(bounds.Count)];
        var replaced = text[..s] + Interesting[_random.Next(Interesting.Length)] + text[e..];
        data.Clear();
        data.AddRange(Encoding.UTF8.GetBytes(replaced));
    }

    private void SwapLines(List<byte> data)
    {
        var lines = Encoding.UTF8.GetString(data.ToArray()).Split('\n');
        if (lines.Length < 2) return;
        int a = _random.Next(lines.Length), b = _random.Next(lines.Length);
        (lines[a], lines[b]) = (lines[b], lines[a]);
        data.Clear();
        data.AddRange(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
    }

    private static bool IsSeparator(char c) => c is ',' or '\t' or ' ' or '\n' or ';' or ':';
}
