using System.Globalization;
using System.Text;

namespace ClusterSim.Core.Resources;

/// <summary>
/// Scalar quantities of the four resources the cluster schedules: cpus, mem (MB), disk (MB) and gpus.
/// Stored as fixed-point thousandths, as Mesos does for scalar values, so that adding and subtracting
/// task sizes never drifts: 0.1 + 0.2 is exactly 0.3 here, and "contains" means what it says.
/// </summary>
public readonly struct Resources : IEquatable<Resources>
{
    /// <summary>Fixed-point scale: Mesos keeps three decimal digits of scalar resources.</summary>
    public const long Scale = 1000;

    public static readonly Resources Empty; // all zero

    private readonly long _cpus, _mem, _disk, _gpus;

    private Resources(long cpus, long mem, long disk, long gpus)
    {
        _cpus = cpus;
        _mem = mem;
        _disk = disk;
        _gpus = gpus;
    }

    public static Resources Of(double cpus = 0, double mem = 0, double disk = 0, double gpus = 0) =>
        new(ToFixed(cpus), ToFixed(mem), ToFixed(disk), ToFixed(gpus));

    public static Resources FromFixed(long cpus, long mem, long disk, long gpus) => new(cpus, mem, disk, gpus);

    private static long ToFixed(double value) => checked((long)Math.Round(value * Scale, MidpointRounding.AwayFromZero));

    public double Cpus => _cpus / (double)Scale;
    public double Mem => _mem / (double)Scale;
    public double Disk => _disk / (double)Scale;
    public double Gpus => _gpus / (double)Scale;

    public double this[ResourceKind kind] => Fixed(kind) / (double)Scale;

    public long Fixed(ResourceKind kind) => kind switch
    {
        ResourceKind.Cpus => _cpus,
        ResourceKind.Mem => _mem,
        ResourceKind.Disk => _disk,
        ResourceKind.Gpus => _gpus,
        _ => throw new ArgumentOutOfRangeException(nameof(kind))
    };

    public Resources With(ResourceKind kind, double value)
    {
        long v = ToFixed(value);
        return kind switch
        {
            ResourceKind.Cpus => new(v, _mem, _disk, _gpus),
            ResourceKind.Mem => new(_cpus, v, _disk, _gpus),
            ResourceKind.Disk => new(_cpus, _mem, v, _gpus),
            ResourceKind.Gpus => new(_cpus, _mem, _disk, v),
            _ => throw new ArgumentOutOfRangeException(nameof(kind))
        };
    }

    public bool IsEmpty => _cpus == 0 && _mem == 0 && _disk == 0 && _gpus == 0;
    public bool HasNegative => _cpus < 0 || _mem < 0 || _disk < 0 || _gpus < 0;

    public static Resources operator +(Resources a, Resources b) =>
        new(a._cpus + b._cpus, a._mem + b._mem, a._disk + b._disk, a._gpus + b._gpus);

    public static Resources operator -(Resources a, Resources b) =>
        new(a._cpus - b._cpus, a._mem - b._mem, a._disk - b._disk, a._gpus - b._gpus);

    /// <summary>Multiplies every quantity, e.g. a task size by a task count.</summary>
    public static Resources operator *(Resources a, int k) =>
        new(a._cpus * k, a._mem * k, a._disk * k, a._gpus * k);

    /// <summary>True when every quantity of <paramref name="other"/> fits in this one.</summary>
    public bool Contains(Resources other) =>
        _cpus >= other._cpus && _mem >= other._mem && _disk >= other._disk && _gpus >= other._gpus;

    /// <summary>Element-wise minimum: what of <paramref name="other"/> this one can give.</summary>
    public Resources Min(Resources other) =>
        new(Math.Min(_cpus, other._cpus), Math.Min(_mem, other._mem), Math.Min(_disk, other._disk),
            Math.Min(_gpus, other._gpus));

    /// <summary>Element-wise subtraction floored at zero.</summary>
    public Resources SubtractFloored(Resources other) =>
        new(Math.Max(0, _cpus - other._cpus), Math.Max(0, _mem - other._mem), Math.Max(0, _disk - other._disk),
            Math.Max(0, _gpus - other._gpus));

    /// <summary>
    /// This quantity's share of <paramref name="total"/> for one resource; zero when the cluster has none of it
    /// (Mesos's sorters skip resources whose total is zero).
    /// </summary>
    public double ShareOf(Resources total, ResourceKind kind)
    {
        long t = total.Fixed(kind);
        return t <= 0 ? 0.0 : Fixed(kind) / (double)t;
    }

    /// <summary>The largest share over the resources (the dominant share before weighting).</summary>
    public double MaxShareOf(Resources total, ResourceKindSet excluded = default)
    {
        double max = 0;
        foreach (var kind in ResourceKinds.All)
        {
            if (excluded.Has(kind)) continue;
            double s = ShareOf(total, kind);
            if (s > max) max = s;
        }
        return max;
    }

    public bool Equals(Resources other) =>
        _cpus == other._cpus && _mem == other._mem && _disk == other._disk && _gpus == other._gpus;

    public override bool Equals(object? obj) => obj is Resources r && Equals(r);
    public override int GetHashCode() => HashCode.Combine(_cpus, _mem, _disk, _gpus);
    public static bool operator ==(Resources a, Resources b) => a.Equals(b);
    public static bool operator !=(Resources a, Resources b) => !a.Equals(b);

    /// <summary>Parses the Mesos text form without reservations, e.g. <c>cpus:2;mem:1024</c>.</summary>
    public static Resources Parse(string text)
    {
        var set = ResourceSet.Parse(text);
        if (set.Reserved.Count > 0)
            throw new FormatException(
                $"'{text}': reservations such as '{set.Reserved.Keys.First()}' are not allowed here; expected plain quantities like cpus:2;mem:1024");
        return set.Unreserved;
    }

    /// <summary>The Mesos text form: <c>cpus:2;mem:1024</c>, zero quantities left out; "{}" when empty.</summary>
    public override string ToString() => IsEmpty ? "{}" : Format(null);

    internal string Format(string? role)
    {
        var sb = new StringBuilder();
        foreach (var kind in ResourceKinds.All)
        {
            long v = Fixed(kind);
            if (v == 0) continue;
            if (sb.Length > 0) sb.Append(';');
            sb.Append(ResourceKinds.Name(kind));
            if (role != null) sb.Append('(').Append(role).Append(')');
            sb.Append(':').Append((v / (double)Scale).ToString("0.###", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
