using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ClusterSim.RealAgent.Security;

/// <summary>
/// The shared secret every endpoint of the master and the agents asks for: "Authorization: Bearer TOKEN".
/// A browser cannot set that header on a plain link, so it may pass the token once as ?token=, after which
/// it is kept in an HttpOnly cookie. A request without it gets 401 and is not looked at further.
/// </summary>
public sealed class BearerToken
{
    private const string CookieName = "clustersim_token";
    private readonly byte[] _token;

    public BearerToken(string token)
    {
        if (string.IsNullOrWhiteSpace(token)) throw new ArgumentException("the token is empty", nameof(token));
        _token = Encoding.UTF8.GetBytes(token.Trim());
        Value = token.Trim();
    }

    public string Value { get; }

    /// <summary>Reads the token from the first line of <paramref name="path"/>.</summary>
    public static BearerToken FromFile(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"token file {path} does not exist; expected a file holding the shared bearer token");
        var text = File.ReadAllLines(path).FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "";
        if (text.Length == 0) throw new InvalidDataException($"token file {path} is empty; expected the shared bearer token on its first line");
        return new BearerToken(text);
    }

    /// <summary>Adds the check in front of every endpoint of <paramref name="app"/>.</summary>
    public void Require(WebApplication app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        string? offered = null;
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.Ordinal)) offered = header["Bearer ".Length..].Trim();
        else if (request.Query.TryGetValue("token", out var query)) offered = query.ToString();
        else if (request.Cookies.TryGetValue(CookieName, out var cookie)) offered = cookie;
        if (offered == null || !Matches(offered))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await context.Response.WriteAsync("401: missing or wrong bearer token (Authorization: Bearer TOKEN, or ?token= once in a browser)\n");
            return;
        }
        if (request.Query.ContainsKey("token"))
            context.Response.Cookies.Append(CookieName, offered, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict });
        await next(context);
    });

    public bool Matches(string offered) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(offered.Trim()), _token);
}
