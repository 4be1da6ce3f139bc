namespace ClusterSim.RealAgent.Docker.Models;

/// <summary>The body of every error answer: {"message": "..."}.</summary>
internal sealed class ErrorResponse
{
    [System.Text.Json.Serialization.JsonPropertyName("message")]
    public string? Message { get; set; }
}
