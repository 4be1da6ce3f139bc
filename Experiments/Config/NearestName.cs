namespace ClusterSim.Experiments.Config;

/// <summary>
/// Finds the known name a misspelt one was probably meant to be ("did you mean taskDuration?"), by the
/// Levenshtein edit distance: the fewest single-character insertions, deletions and substitutions that turn
/// one into the other (Levenshtein, 1966).
/// </summary>
public static class NearestName
{
    /// <summary>
    /// The known name closest to <paramref name="name"/>, or null when none is close: at most one edit for
    /// names up to five characters, two up to eleven, three beyond, so "horizn" finds "horizon" but "colour"
    /// finds nothing among unrelated keys. Case differences count as no edit. Ties go to the earlier name.
    /// </summary>
    public static string? Closest(string name, IEnumerable<string> known)
    {
        int allowed = name.Length <= 5 ? 1 : name.Length <= 11 ? 2 : 3;
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            if (candidate == name) continue;
            int d = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d <= allowed && d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /// <summary>The Levenshtein distance, with two rows of the dynamic-programming table.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>"; did you mean X?" when a known name is close, else "".</summary>
    public static string Suggestion(string name, IEnumerable<string> known) =>
        Closest(name, known) is { } close ? $"; did you mean {close}?" : "";
}
