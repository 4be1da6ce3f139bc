using ClusterSim.RealAgent.Protocol;
using ClusterSim.RealAgent.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClusterSim.RealAgent.Live;

/// <summary>
/// The Kestrel server the master and each agent embed: bound to one URL (port 0: any free port), quiet,
/// speaking the protocol's JSON, with the bearer token required in front of every endpoint.
/// </summary>
public static class EmbeddedServer
{
    public static WebApplication Build(string listen, BearerToken token) => Build(listen, token.Require);

    /// <summary>The same server, authenticating principals, sessions and the token shorthand.</summary>
    public static WebApplication Build(string listen, RequestAuthentication authentication) => Build(listen, authentication.Require);

    private static WebApplication Build(string listen, Action<WebApplication> require)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, SignalFreeLifetime>();
        builder.WebHost.UseUrls(listen);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = ProtocolJson.Options.PropertyNamingPolicy;
            o.SerializerOptions.DefaultIgnoreCondition = ProtocolJson.Options.DefaultIgnoreCondition;
        });
        var app = builder.Build();
        require(app);
        return app;
    }

    /// <summary>Starts the server and returns the address it really bound.</summary>
    public static async Task<Uri> StartAsync(WebApplication app, string listen, CancellationToken cancellationToken)
    {
        await app.StartAsync(cancellationToken);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return new Uri(bound ?? listen);
    }

    public static async Task StopAsync(WebApplication? app)
    {
        if (app == null) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await app.StopAsync(timeout.Token); } catch (OperationCanceledException) { }
        await app.DisposeAsync();
    }
}
