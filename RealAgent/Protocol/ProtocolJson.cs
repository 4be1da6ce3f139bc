using System.Text.Json;

namespace ClusterSim.RealAgent.Protocol;

/// <summary>The JSON spelling of every message between master and agents: camelCase, nulls left out.</summary>
public static class ProtocolJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
