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

    /// <summary>Every oversubscribed total reported (<c>""</c>: none), all answered 200.</summary>
    public Channel<OversubscribedReport> Oversubscribed { get; } = Channel.CreateUnbounded<OversubscribedReport>();

    /// <summary>Set: the next heartbeat is answered 404, as by a master that no longer knows the agent, which
    /// then registers again.</summary>
    public void ForgetAgent() => Interlocked.Exchange(ref _forget, 1);

    private int _forget;

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
        app.MapPost("/api/agents/{name}/oversubscribed", (string name, OversubscribedReport report) =>
        {
            Oversubscribed.Writer.TryWrite(report);
            return Results.Json(new { changed = true }, ProtocolJson.Options);
        });
        app.MapPost("/api/agents/{name}/heartbeat", (string name) =>
            Interlocked.Exchange(ref _forget, 0) == 1 ? Results.NotFound() : Results.Json(new { }, ProtocolJson.Options));
        Address = await EmbeddedServer.StartAsync(app, "http://127.0.0.1:0", CancellationToken.None);
        _app = app;
    }

    public ValueTask DisposeAsync() => new(EmbeddedServer.StopAsync(_app));
}
