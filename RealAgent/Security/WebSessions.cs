using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace ClusterSim.RealAgent.Security;

/// <summary>
/// Browser sessions of the web UI: a random id, kept in an HttpOnly, SameSite=Strict cookie, stands for the
/// principal that signed in, so the secret itself never lives in the browser.
/// </summary>
public sealed class WebSessions
{
    public const string CookieName = "clustersim_session";

    private readonly ConcurrentDictionary<string, Principal> _sessions = new(StringComparer.Ordinal);

    public string Open(Principal principal)
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        _sessions[id] = principal;
        return id;
    }

    public Principal? Find(string id) => _sessions.TryGetValue(id, out var principal) ? principal : null;

    public void Close(string id) => _sessions.TryRemove(id, out _);
}
