namespace ClusterSim.Core.Cluster;

/// <summary>
/// Offer ids to the slots of an <see cref="OfferBook"/>. The master numbers offers in sequence and most are
/// answered within the run that made them, so the outstanding ones are almost all recent: each id has the
/// bucket of its low bits in a ring at least twice as large as the number outstanding, and a look-up reads
/// one bucket. An offer still outstanding when a later id needs its bucket (one held for as many offers as
/// the ring has buckets: a gang gathering agents, a framework that never answers) moves to a dictionary on
/// the side. A hash table with linear probing was tried first: the ids of one run fill a run of neighbouring
/// buckets, so each removal scanned the rest of it, and forgetting offers took 5% of a scale-10k run.
/// </summary>
internal sealed class OfferIndex
{
    // Id 0 marks an empty bucket: the master numbers offers from 1.
    private struct Bucket
    {
        public long Id;
        public int Slot;
    }

    private Bucket[] _ring = new Bucket[64];
    private readonly Dictionary<long, int> _aside = [];
    private int _count;

    /// <summary>The slot of the offer, or -1 when it is not in the index.</summary>
    public int Find(long id)
    {
        ref var bucket = ref _ring[(int)id & (_ring.Length - 1)];
        if (bucket.Id == id) return bucket.Slot;
        return _aside.Count > 0 && _aside.TryGetValue(id, out int slot) ? slot : -1;
    }

    public void Add(long id, int slot)
    {
        if (id <= 0) throw new ArgumentOutOfRangeException(nameof(id), id, "offer ids start at 1");
        if (2 * (_count + 1) > _ring.Length) Grow();
        Place(id, slot);
        _count++;
    }

    public bool Remove(long id)
    {
        ref var bucket = ref _ring[(int)id & (_ring.Length - 1)];
        if (bucket.Id == id) bucket = default;
        else if (_aside.Count == 0 || !_aside.Remove(id)) return false;
        _count--;
        return true;
    }

    private void Place(long id, int slot)
    {
        ref var bucket = ref _ring[(int)id & (_ring.Length - 1)];
        if (bucket.Id != 0) _aside.Add(bucket.Id, bucket.Slot);
        bucket = new Bucket { Id = id, Slot = slot };
    }

    private void Grow()
    {
        var old = _ring;
        var aside = _aside.ToArray();
        _ring = new Bucket[2 * old.Length];
        _aside.Clear();
        // Oldest first, so that where two share a bucket the newer one keeps it.
        var all = new List<Bucket>(_count);
        foreach (var (id, slot) in aside) all.Add(new Bucket { Id = id, Slot = slot });
        foreach (var b in old)
            if (b.Id != 0) all.Add(b);
        all.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        foreach (var b in all) Place(b.Id, b.Slot);
    }
}
