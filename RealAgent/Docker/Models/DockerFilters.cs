using System.Text.Json;

namespace ClusterSim.RealAgent.Docker.Models;

/// <summary>
/// The filters query parameter of list and events: names (label, type, status, ...) each with the values
/// any of which may match. Different names must all match.
/// </summary>
public sealed class DockerFilters
{
    // Sorted, so the same filters give the same query string (readable in logs, comparable in tests).
    private readonly SortedDictionary<string, SortedSet<string>> _values = new(StringComparer.Ordinal);

    /// <summary>Adds one value for a filter name; returns this, so filters read as one expression.</summary>
    public DockerFilters Add(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!_values.TryGetValue(name, out var values))
        {
            values = new SortedSet<string>(StringComparer.Ordinal);
            _values.Add(name, values);
        }

        values.Add(value);
        return this;
    }

    public bool IsEmpty => _values.Count == 0;

    /// <summary>
    /// The wire form, {"label":{"k=v":true}}: the map-of-booleans shape the daemon has parsed since API 1.22
    /// (the older list shape is still accepted, but only as a fallback).
    /// </summary>
    public string ToJson()
    {
        var wire = _values.ToDictionary(
            pair => pair.Key,
            pair => pair.Value.ToDictionary(value => value, _ => true, StringComparer.Ordinal),
            StringComparer.Ordinal);
        return JsonSerializer.Serialize(wire, DockerJson.Options);
    }

    public override string ToString() => ToJson();
}
