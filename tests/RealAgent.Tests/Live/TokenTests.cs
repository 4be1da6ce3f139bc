using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ClusterSim.RealAgent.Tests.Live;

/// <summary>Every endpoint of the master and the agents asks for the bearer token.</summary>
[NonParallelizable]
public class TokenTests : LiveClusterTest
{
    [Test]
    public async Task Requests_WithoutTheToken_AreRefusedWith401AndChangeNothing()
    {
        var master = Cluster.Start("master", "master", "--listen", "http://127.0.0.1:0", "--token-file", Cluster.TokenFile);
        var masterUrl = (await master.WaitForAsync(@"master listening on (http://127\.0\.0\.1:\d+)", LiveCluster.StartTimeout)).Groups[1].Value;
        var agent = Cluster.StartAgent(0, masterUrl);
        await agent.WaitForAsync("registered with", LiveCluster.StartTimeout);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var agentUrl = (await StateAsync(http, masterUrl)).GetProperty("agents")[0].GetProperty("url").GetString()!;

        var fake = new StringContent("""{"name":"intruder","url":"http://127.0.0.1:1","resources":"cpus:64;mem:65536"}""", Encoding.UTF8, "application/json");
        var launch = new StringContent("""{"frameworkId":0,"framework":"x","taskId":"x-0/0","cpus":1,"mem":64,"wallSeconds":5,"image":"clustersim/busybox:local"}""", Encoding.UTF8, "application/json");
        var noToken = new[]
        {
            await http.GetAsync(masterUrl + "/state"),
            await http.GetAsync(masterUrl + "/"),
            await http.PostAsync(masterUrl + "/api/agents/register", fake),
            await http.PostAsync(masterUrl + $"/api/agents/{Cluster.AgentName(0)}/heartbeat", null),
            await http.PostAsync(agentUrl + "/api/tasks/launch", launch),
        };
        using var wrong = new HttpRequestMessage(HttpMethod.Get, masterUrl + "/state");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token");
        var wrongToken = await http.SendAsync(wrong);

        // Every refusal above was answered before its handler ran: nothing can still be under way.
        var state = await StateAsync(http, masterUrl);
        Assert.Multiple(async () =>
        {
            Assert.That(noToken.Select(r => r.StatusCode), Has.All.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(wrongToken.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(state.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("name").GetString()), Is.EqualTo(new[] { Cluster.AgentName(0) }));
            Assert.That(await AgentContainersAsync(TestTimeout), Is.Empty, "the refused launch started nothing");
        });
    }

    [Test]
    public async Task Browser_PassesTheTokenOnce_ThenTheCookieIsEnough()
    {
        var master = Cluster.Start("master", "master", "--listen", "http://127.0.0.1:0", "--token-file", Cluster.TokenFile);
        var masterUrl = (await master.WaitForAsync(@"master listening on (http://127\.0\.0\.1:\d+)", LiveCluster.StartTimeout)).Groups[1].Value;
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };

        var first = await browser.GetAsync(masterUrl + "/?token=" + Cluster.Token);
        var second = await browser.GetAsync(masterUrl + "/state");

        Assert.Multiple(async () =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await first.Content.ReadAsStringAsync(), Does.Contain("ClusterSim master"));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    private async Task<JsonElement> StateAsync(HttpClient http, string masterUrl)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, masterUrl + "/state");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Cluster.Token);
        using var response = await http.SendAsync(request, TestTimeout);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestTimeout)).RootElement.Clone();
    }
}
