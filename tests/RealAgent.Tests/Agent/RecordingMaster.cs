using System.Threading.Channels;
using ClusterSim.RealAgent.Live;
using ClusterSim.RealAgent.Protocol;
using ClusterSim.RealAgent.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ClusterSim.RealAgent.Tests.Agent;

/// <summary>
/// A master that only speaks the agent's side of the live protocol: it answers registrations with
/// <see cref="Reply"/>, refuses the first <see cref="RefuseStatuses"/> status updates with 503 (so the agent
/// must resend them), and records what it was sent, in order, for the test to await.
/// </summary>
public sealed class RecordingMaster : IAsyncDisposable
{
    private WebApplication? _app;

    public RegistrationReply Reply { get; init; } = new(false, 3600);

    public int RefuseStatuses { get; init; }

    public Channel<AgentRegistration> Registrations { get; } = Channel.CreateUnbounded<AgentRegistration>();

    /// <summary>Every status update received, the refused ones included.</summary>
    public Channel<TaskStatusReport> Statuses { get; } = Channel.CreateUnbounded<TaskStatusReport>();

    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    public async Task StartAsync(BearerToken token)
    {
        var app = EmbeddedServer.Build("http://127.0.0.1:0", token);
        int refused = 0;
        app.MapPost("/api/agents/register", (AgentRegistration registration) =>
        {
            Registrations.Writer.TryWrite(registration);
            return Results.Json(Reply, ProtocolJson.Options);
        });
        app.MapPost("/api/agents/{name}/status", (string name, TaskStatusReport report) =>
        {
            Statuses.Writer.TryWrite(report);
            if (Interlocked.Increment(ref refused) <= RefuseStatuses) return Results.StatusCode(503);
            return Results.Json(new { acknowledged = report.Uuid }, ProtocolJson.Options);
        });
        Address = await EmbeddedServer.StartAsync(app, "http://127.0.0.1:0", CancellationToken.None);
        _app = app;
    }

    public ValueTask DisposeAsync() => new(EmbeddedServer.StopAsync(_app));
}
