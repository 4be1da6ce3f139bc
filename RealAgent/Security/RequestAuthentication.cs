using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ClusterSim.RealAgent.Security;

/// <summary>
/// Authenticates every request before any endpoint sees it, as Mesos's basic HTTP authenticator does:
/// <c>Authorization: Basic base64(principal:secret)</c>, or a web UI session cookie, or (the one-secret
/// shorthand) <c>Authorization: Bearer TOKEN</c>. A request without valid credentials gets 401; what the
/// principal may do is the endpoint's question (403), through <see cref="PrincipalOf"/>.
/// </summary>
public sealed class RequestAuthentication(AccessControlList acl, WebSessions sessions, BearerToken? token = null)
{
    private const string PrincipalItem = "clustersim.principal";
    private readonly HashSet<string> _open = new(StringComparer.Ordinal);

    public AccessControlList Acl => acl;
    public WebSessions Sessions => sessions;

    /// <summary>Paths anyone may reach (the sign-in page and its form).</summary>
    public void AllowAnonymous(string path) => _open.Add(path);

    public void Require(WebApplication app) => app.Use(async (context, next) =>
    {
        var principal = Authenticate(context.Request);
        if (principal != null && context.Request.Query.ContainsKey("token"))
        {
            // A browser passed the token once in the address: from now on a session cookie stands for it, so the
            // token does not stay in the address bar or the history.
            context.Response.Cookies.Append(WebSessions.CookieName, sessions.Open(principal),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
        }
        if (principal != null) context.Items[PrincipalItem] = principal;
        else if (!_open.Contains(context.Request.Path.Value ?? ""))
        {
            await Challenge(context);
            return;
        }
        await next(context);
    });

    /// <summary>The authenticated principal of the request (endpoints behind <see cref="Require"/> always have one).</summary>
    public static Principal PrincipalOf(HttpContext context) =>
        context.Items.TryGetValue(PrincipalItem, out var p) && p is Principal principal
            ? principal
            : throw new InvalidOperationException("the request was not authenticated");

    public static Principal? TryPrincipalOf(HttpContext context) =>
        context.Items.TryGetValue(PrincipalItem, out var p) ? p as Principal : null;

    private Principal? Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            }
            catch (FormatException)
            {
                return null;
            }
            int colon = decoded.IndexOf(':');
            return colon <= 0 ? null : acl.Authenticate(decoded[..colon], decoded[(colon + 1)..]);
        }
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return token != null && token.Matches(header["Bearer ".Length..]) ? acl.Authenticate(AccessControlList.TokenPrincipal, token.Value) : null;
        if (request.Query.TryGetValue("token", out var query) && token != null && token.Matches(query.ToString()))
            return acl.Authenticate(AccessControlList.TokenPrincipal, token.Value);
        if (request.Cookies.TryGetValue(WebSessions.CookieName, out var session)) return sessions.Find(session);
        return null;
    }

    private static async Task Challenge(HttpContext context)
    {
        var accepts = context.Request.Headers.Accept.ToString();
        if (context.Request.Method == "GET" && accepts.Contains("text/html", StringComparison.Ordinal))
        {
            // A browser is sent to the sign-in form instead of the browser's own Basic dialog.
            context.Response.Redirect("/login");
            return;
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"clustersim\"";
        await context.Response.WriteAsync("401: missing or wrong credentials; expected Authorization: Basic base64(principal:secret)\n");
    }

    /// <summary>Answers 403 naming what the principal may not do.</summary>
    public static IResult Forbidden(Principal principal, string what) =>
        Results.Text($"403: principal '{principal.Name}' may not {what}\n", statusCode: StatusCodes.Status403Forbidden);
}
