namespace ClusterSim.RealAgent.Live;

/// <summary>
/// Lets a client of the master (an agent, a framework's driver, a run) name several masters
/// (<c>--master URL1,URL2,URL3</c>) and reach whichever leads: each request goes to the master that answered
/// last; a 307 from a standby moves it to the leader the standby names (keeping the credentials, which .NET's
/// own redirect handling drops); a master that cannot be reached moves it to the next one. A request is sent at
/// most once to each master and through at most a few redirects; retrying later, with backoff, is the caller's.
/// </summary>
public sealed class LeaderFollowingHandler : DelegatingHandler
{
    private const int MaxRedirects = 3;
    private readonly List<Uri> _masters;
    private readonly Lock _lock = new();
    private int _current;

    public LeaderFollowingHandler(IEnumerable<Uri> masters) : base(new SocketsHttpHandler { AllowAutoRedirect = false })
    {
        _masters = masters.Select(Base).Distinct().ToList();
        if (_masters.Count == 0) throw new ArgumentException("expected at least one master URL", nameof(masters));
    }

    /// <summary>Parses <c>URL1,URL2,...</c>; null with <paramref name="error"/> naming the bad one.</summary>
    public static IReadOnlyList<Uri>? Parse(string list, out string error)
    {
        var uris = new List<Uri>();
        foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || uri.Scheme != "http")
            {
                error = $"expected http URLs such as http://127.0.0.1:5050, separated by commas; found '{part}'";
                return null;
            }
            uris.Add(uri);
        }
        error = uris.Count == 0 ? "expected at least one http URL" : "";
        return uris.Count == 0 ? null : uris;
    }

    /// <summary>The master requests go to now.</summary>
    public Uri Current
    {
        get { lock (_lock) return _masters[_current]; }
    }

    private int MasterCount
    {
        get { lock (_lock) return _masters.Count; }
    }

    private static Uri Base(Uri uri) => new(uri.GetLeftPart(UriPartial.Authority) + "/");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The body is sent again after a redirect or to another master, so it is read once here.
        byte[]? body = request.Content == null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var contentHeaders = request.Content?.Headers.ToArray() ?? [];
        var path = request.RequestUri!.PathAndQuery;
        int tried = 0, redirects = 0;
        while (true)
        {
            var target = Current;
            using var attempt = new HttpRequestMessage(request.Method, new Uri(target, path.TrimStart('/')));
            foreach (var (name, values) in request.Headers) attempt.Headers.TryAddWithoutValidation(name, values);
            if (body != null)
            {
                attempt.Content = new ByteArrayContent(body);
                foreach (var (name, values) in contentHeaders) attempt.Content.Headers.TryAddWithoutValidation(name, values);
            }
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(attempt, cancellationToken);
            }
            catch (HttpRequestException) when (++tried < MasterCount)
            {
                MoveOn(target);
                continue;
            }
            if (response.StatusCode == System.Net.HttpStatusCode.TemporaryRedirect && response.Headers.Location is { } location
                && redirects++ < MaxRedirects)
            {
                response.Dispose();
                Follow(location.IsAbsoluteUri ? location : new Uri(target, location));
                continue;
            }
            return response;
        }
    }

    private void MoveOn(Uri failed)
    {
        lock (_lock)
            if (_masters[_current] == failed) _current = (_current + 1) % _masters.Count;
    }

    private void Follow(Uri leader)
    {
        var leaderBase = Base(leader);
        lock (_lock)
        {
            int i = _masters.IndexOf(leaderBase);
            if (i < 0)
            {
                _masters.Add(leaderBase);
                i = _masters.Count - 1;
            }
            _current = i;
        }
    }
}
