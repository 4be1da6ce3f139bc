using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ClusterSim.RealAgent.Docker;

/// <summary>The one set of JSON options every request and response goes through.</summary>
internal static class DockerJson
{
    /// <summary>
    /// Property names are matched exactly: the models name each property as the API spells it (mostly
    /// PascalCase, with JsonPropertyName where it is not, e.g. OOMKilled, cpu_stats, timeNano), so a typo
    /// shows up as a failing test instead of a silently default value. Nulls are not sent, so that an unset
    /// limit is left to the daemon's default instead of being sent as JSON null.
    /// </summary>
    public static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }
}
