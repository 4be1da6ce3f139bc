namespace ClusterSim.Core.Cluster;

/// <summary>
/// Offer ids to the slots of an <see cref="OfferBook"/>: open addressing with linear probing from the id's low
/// bits. Ids are made in sequence, so the offers outstanding at once sit in neighbouring buckets and most
/// look-ups read one; a removal shifts the rest of its run back instead of leaving a tombstone, so probes stay
/// short however many offers come and go (a day of a large cluster makes millions).
/// </summary>
internal sealed class OfferIndex
{
    // Id 0 marks an empty bucket: the master numbers offers from 1.
    private struct Bucket
    {
        public long Id;
        public int Slot;
    }

    private Bucket[] _buckets = new Bucket[64];
    private int _count;

    /// <summary>The slot of the offer, or -1 when it is not in the index.</summary>
    public int Find(long id)
    {
        var buckets = _buckets;
        int mask = buckets.Length - 1;
        for (int i = (int)id & mask; ; i = (i + 1) & mask)
        {
            long at = buckets[i].Id;
            if (at == id) return buckets[i].Slot;
            if (at == 0) return -1;
        }
    }

    public void Add(long id, int slot)
    {
        if (id <= 0) throw new ArgumentOutOfRangeException(nameof(id), id, "offer ids start at 1");
        // At most half full, so a probe meets an empty bucket soon.
        if (2 * (_count + 1) > _buckets.Length) Grow();
        Insert(_buckets, id, slot);
        _count++;
    }

    public bool Remove(long id)
    {
        var buckets = _buckets;
        int mask = buckets.Length - 1;
        int hole = (int)id & mask;
        while (buckets[hole].Id != id)
        {
            if (buckets[hole].Id == 0) return false;
            hole = (hole + 1) & mask;
        }
        // Backward-shift deletion: each later entry of the run moves into the hole unless its home bucket lies
        // cyclically after the hole (up to where it sits), where a probe for it would not pass the hole.
        for (int j = (hole + 1) & mask; buckets[j].Id != 0; j = (j + 1) & mask)
        {
            int home = (int)buckets[j].Id & mask;
            bool staysPut = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (staysPut) continue;
            buckets[hole] = buckets[j];
            hole = j;
        }
        buckets[hole] = default;
        _count--;
        return true;
    }

    private void Grow()
    {
        var larger = new Bucket[2 * _buckets.Length];
        foreach (var b in _buckets)
            if (b.Id != 0) Insert(larger, b.Id, b.Slot);
        _buckets = larger;
    }

    private static void Insert(Bucket[] buckets, long id, int slot)
    {
        int mask = buckets.Length - 1;
        int i = (int)id & mask;
        while (buckets[i].Id != 0) i = (i + 1) & mask;
        buckets[i] = new Bucket { Id = id, Slot = slot };
    }
}
