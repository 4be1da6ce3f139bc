using System.Net;
using System.Text.Json;
using ClusterSim.RealAgent.Protocol;
using ClusterSim.RealAgent.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ClusterSim.RealAgent.Master.Web;

/// <summary>
/// The master's web UI. <c>GET /login</c> is a sign-in form (fields <c>principal</c> and <c>secret</c>);
/// <c>POST /login</c> checks them against the ACL and opens a session whose id travels in an HttpOnly,
/// SameSite=Strict cookie, so neither the secret nor the session is readable by script and no other site can
/// make the browser send it. <c>GET /</c> is the overview: agents, roles, frameworks and recent task changes,
/// drawn from /state by a small script that polls it and updates the tables in place.
/// <c>POST /logout</c> closes the session. Pages forbid inline script and other origins (Content-Security-Policy),
/// and every text from the master reaches the page as text, never as markup.
/// </summary>
public static class WebUi
{
    private const string SignInPath = "/login";
    private const string SignOutPath = "/logout";
    private const string StylePath = "/ui/webui.css";
    private const string ScriptPath = "/ui/overview.js";

    /// <summary>Maps the UI's endpoints and lets the sign-in form and its static files through unauthenticated.</summary>
    public static void Map(WebApplication app, RequestAuthentication auth, Func<Task<MasterState>> state)
    {
        foreach (var path in new[] { SignInPath, SignOutPath, StylePath, ScriptPath }) auth.AllowAnonymous(path);
        // Typed as Func, not left to a lambda: a lambda over HttpContext alone that returns a Task would bind as
        // a RequestDelegate, and ASP.NET would drop the IResult it returns (analyzer ASP0016).
        app.MapGet(SignInPath, (Func<HttpContext, IResult>)(context => SignInForm(context, StatusCodes.Status200OK, "", null)));
        app.MapPost(SignInPath, (Func<HttpContext, Task<IResult>>)(context => SignInAsync(context, auth)));
        app.MapPost(SignOutPath, (Func<HttpContext, IResult>)(context => SignOut(context, auth)));
        app.MapGet("/", (Func<HttpContext, Task<IResult>>)(async context => Overview(context, await state())));
        app.MapGet(StylePath, (Func<HttpContext, IResult>)(context => Asset(context, WebAssets.Style, "text/css; charset=utf-8")));
        app.MapGet(ScriptPath, (Func<HttpContext, IResult>)(context => Asset(context, WebAssets.Script, "text/javascript; charset=utf-8")));
    }

    private static async Task<IResult> SignInAsync(HttpContext context, RequestAuthentication auth)
    {
        if (!context.Request.HasFormContentType)
            return SignInForm(context, StatusCodes.Status400BadRequest, "", "sign-in: expected a form with the fields principal and secret");
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var name = form["principal"].ToString().Trim();
        var secret = form["secret"].ToString();
        if (name.Length == 0)
            return SignInForm(context, StatusCodes.Status400BadRequest, name, "sign-in: field 'principal' is empty; expected a principal named in the master's ACL file");
        if (secret.Length == 0)
            return SignInForm(context, StatusCodes.Status400BadRequest, name, "sign-in: field 'secret' is empty; expected the principal's secret");
        // One message for an unknown principal and a wrong secret: the form does not tell which names exist.
        if (auth.Acl.Authenticate(name, secret) is not { } principal)
            return SignInForm(context, StatusCodes.Status401Unauthorized, name, "sign-in: wrong principal or secret");

        if (context.Request.Cookies.TryGetValue(WebSessions.CookieName, out var previous)) auth.Sessions.Close(previous);
        context.Response.Cookies.Append(WebSessions.CookieName, auth.Sessions.Open(principal), SessionCookie(context));
        return SeeOther(context, "/");
    }

    private static IResult SignOut(HttpContext context, RequestAuthentication auth)
    {
        if (context.Request.Cookies.TryGetValue(WebSessions.CookieName, out var session)) auth.Sessions.Close(session);
        context.Response.Cookies.Delete(WebSessions.CookieName, SessionCookie(context));
        return SeeOther(context, SignInPath);
    }

    private static CookieOptions SessionCookie(HttpContext context) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        Secure = context.Request.IsHttps,
        IsEssential = true,
    };

    /// <summary>303 See Other: the browser follows a POST's answer with a GET (RFC 9110, 15.4.4).</summary>
    private static IResult SeeOther(HttpContext context, string location)
    {
        context.Response.Headers.Location = location;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    private static IResult SignInForm(HttpContext context, int status, string principal, string? error)
    {
        var html = WebAssets.Fill(WebAssets.SignIn, new Dictionary<string, string>
        {
            ["principal"] = WebUtility.HtmlEncode(principal),
            ["error"] = error == null ? "" : $"<p id=\"signin-error\" class=\"error\" role=\"alert\">{WebUtility.HtmlEncode(error)}</p>",
        });
        return Page(context, html, status);
    }

    private static IResult Overview(HttpContext context, MasterState state)
    {
        var principal = RequestAuthentication.TryPrincipalOf(context)?.Name ?? "bearer token";
        // The first snapshot rides along so the page is complete before its first poll. It sits in a JSON
        // data block, which the browser never runs; the serializer escapes '<', so it cannot close the block.
        var html = WebAssets.Fill(WebAssets.Overview, new Dictionary<string, string>
        {
            ["principal"] = WebUtility.HtmlEncode(principal),
            ["state"] = JsonSerializer.Serialize(state, ProtocolJson.Options),
        });
        return Page(context, html, StatusCodes.Status200OK);
    }

    private static IResult Page(HttpContext context, string html, int status)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy =
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    private static IResult Asset(HttpContext context, string text, string contentType)
    {
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Content(text, contentType);
    }
}
