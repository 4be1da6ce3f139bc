using System.Text;
using ClusterSim.RealAgent.Docker.Models;

namespace ClusterSim.RealAgent.Docker;

/// <summary>Builds a query string from name/value pairs, leaving out the pairs whose value is null.</summary>
internal static class DockerQuery
{
    public static string From(params ReadOnlySpan<(string Name, string? Value)> pairs)
    {
        var query = new StringBuilder();
        foreach (var (name, value) in pairs)
        {
            if (value is null)
            {
                continue;
            }

            query.Append(query.Length == 0 ? '?' : '&')
                .Append(Uri.EscapeDataString(name))
                .Append('=')
                .Append(Uri.EscapeDataString(value));
        }

        return query.ToString();
    }

    /// <summary>Docker's query booleans are the words "true" and "false" (Go's strconv.ParseBool accepts "1"/"0" too).</summary>
    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>The filters parameter's value, or null (parameter left out) when there are none.</summary>
    public static string? Filters(DockerFilters? filters) => filters is null || filters.IsEmpty ? null : filters.ToJson();
}
