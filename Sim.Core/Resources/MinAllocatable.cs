namespace ClusterSim.Core.Resources;

/// <summary>
/// The smallest offer worth making, as Mesos's --min_allocatable_resources: a list of alternatives separated
/// by '|', each a set of quantities that must all be present (';'). The default, "cpus:0.01|mem:32", is
/// Mesos's MIN_CPUS and MIN_MEM.
/// </summary>
public sealed record MinAllocatable(IReadOnlyList<Resources> Alternatives)
{
    public static readonly MinAllocatable Default = new([Resources.Of(cpus: 0.01), Resources.Of(mem: 32)]);

    /// <summary>True when <paramref name="offer"/> holds all of at least one alternative.</summary>
    public bool Allows(Resources offer)
    {
        if (offer.IsEmpty) return false;
        // Indexed: a foreach over the interface would allocate an enumerator on every check of a hot path.
        for (int i = 0; i < Alternatives.Count; i++)
            if (offer.Contains(Alternatives[i])) return true;
        return false;
    }

    public static MinAllocatable Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new FormatException("expected minimum allocatable resources such as 'cpus:0.01|mem:32', found an empty value");
        var alternatives = new List<Resources>();
        foreach (var part in text.Split('|'))
        {
            try
            {
                alternatives.Add(Resources.Parse(part));
            }
            catch (FormatException e)
            {
                throw new FormatException($"in '{text}': {e.Message}");
            }
        }
        return new MinAllocatable(alternatives);
    }

    public override string ToString() => string.Join("|", Alternatives);
}
