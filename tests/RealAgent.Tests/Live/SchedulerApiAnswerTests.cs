using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ClusterSim.Allocators;
using ClusterSim.Core.Allocation;
using ClusterSim.RealAgent.Live;
using ClusterSim.RealAgent.Master;
using ClusterSim.RealAgent.Security;

namespace ClusterSim.RealAgent.Tests.Live;

/// <summary>
/// The scheduler API of an in-process master without agents (no Docker): the event stream goes on past its
/// first event, and malformed calls are answered 400 naming the field, or 413 for an oversized body, never 500.
/// </summary>
[NonParallelizable]
public class SchedulerApiAnswerTests
{
    private const string Token = "scheduler-api-answer-tests";

    private LiveLoop? _loop;
    private MasterHost? _host;
    private HttpClient? _http;

    private HttpClient Http => _http!;

    private string Endpoint => new Uri(_host!.Address, "/api/v1/scheduler").ToString();

    [OneTimeSetUp]
    public async Task StartMasterAsync()
    {
        _loop = new LiveLoop();
        _loop.Start();
        _host = new MasterHost(new MasterHostOptions("http://127.0.0.1:0", new BearerToken(Token))
        {
            HeartbeatInterval = TimeSpan.FromMilliseconds(200),
            Log = _ => { },
        });
        await _host.StartAsync(CancellationToken.None);
        var loop = _loop;
        var host = _host;
        await loop.InvokeAsync(() =>
        {
            var options = new AllocationOptions();
            var master = new Core.Cluster.Master(loop, AllocationPolicies.Create(loop, options, 1), options);
            host.Attach(loop, master);
            master.Start();
            return true;
        });
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccessControlList.TokenPrincipal}:{Token}")));
    }

    [OneTimeTearDown]
    public async Task StopMasterAsync()
    {
        _http?.Dispose();
        if (_host != null) await _host.DisposeAsync();
        _loop?.Dispose();
    }

    [Test]
    public async Task TheStream_CarriesHeartbeatsAfterSubscribed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = new StringContent("""{"type":"SUBSCRIBE","subscribe":{"framework_info":{"name":"beats","role":"batch"}}}"""),
        };
        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var lines = new List<string>();
        while (lines.Count(l => l.Contains("\"HEARTBEAT\"")) < 2 && await reader.ReadLineAsync(timeout.Token) is { } line) lines.Add(line);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(lines[0], Does.StartWith("""{"type":"SUBSCRIBED","subscribed":{"framework_id":"""));
        Assert.That(lines.Count(l => l.Contains("\"HEARTBEAT\"")), Is.EqualTo(2), string.Join("\n", lines));
    }

    [TestCase("""{"type":"SUBSCRIBE","subscribe":{"framework_info":{"name":"p","role":"batch","principal":3}}}""", "subscribe.framework_info.principal")]
    [TestCase("""{"type":"ACCEPT","framework_id":{"value":"0"},"accept":{"offer_ids":[{"value":"1"}],"operations":[{"type":"RESERVE","reserve":{}}]}}""", "accept.operations[0].reserve.resources")]
    [TestCase("""{"type":"RECONCILE","framework_id":{"value":"0"},"reconcile":{"tasks":["t"]}}""", "reconcile.tasks[0]")]
    [TestCase("""{"type":"FOO"}""", "type")]
    public async Task MalformedCalls_Are400NamingTheField(string body, string field)
    {
        using var response = await Http.PostAsync(Endpoint, new StringContent(body));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.StartWith($"400: {field}: expected"));
    }

    [Test]
    public async Task ABodyOverTheLimit_Is413()
    {
        using var response = await Http.PostAsync(Endpoint, new StringContent(new string(' ', (1 << 20) + 1)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.StartWith("413: body: larger than the limit of 1048576 bytes"));
    }
}
