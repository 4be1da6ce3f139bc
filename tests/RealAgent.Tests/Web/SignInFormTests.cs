using System.Net;

namespace ClusterSim.RealAgent.Tests.Web;

/// <summary>The web UI's sign-in endpoints over plain HTTP (no browser): what reaches them without a session
/// and how a malformed form is answered.</summary>
[NonParallelizable]
public class SignInFormTests
{
    private InProcessMaster? _master;
    private HttpClient? _http;

    private InProcessMaster Master => _master ?? throw new InvalidOperationException("the master runs only during a test");
    private HttpClient Http => _http ?? throw new InvalidOperationException("the client exists only during a test");

    [SetUp]
    public async Task StartMasterAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        _master = await InProcessMaster.StartAsync(timeout.Token);
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(10) };
    }

    [TearDown]
    public async Task StopMasterAsync()
    {
        _http?.Dispose();
        if (_master != null) await _master.DisposeAsync();
        (_http, _master) = (null, null);
    }

    [Test]
    public async Task WithoutASession_TheFormAndItsStyleAreOpen_TheOverviewSendsABrowserToTheForm()
    {
        using var form = await Http.GetAsync(new Uri(Master.Address, "/login"));
        using var style = await Http.GetAsync(new Uri(Master.Address, "/ui/webui.css"));
        using var overviewRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(Master.Address, "/"));
        overviewRequest.Headers.Add("Accept", "text/html");
        using var overview = await Http.SendAsync(overviewRequest);

        Assert.Multiple(async () =>
        {
            Assert.That(form.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await form.Content.ReadAsStringAsync(), Does.Contain("name=\"principal\"").And.Contain("name=\"secret\""));
            Assert.That(form.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("script-src 'self'"));
            Assert.That(style.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(overview.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(overview.Headers.Location?.ToString(), Is.EqualTo("/login"));
        });
    }

    [TestCase("principal=&secret=x", "field 'principal' is empty")]
    [TestCase("principal=ops&secret=", "field 'secret' is empty")]
    public async Task SignIn_WithAnEmptyField_Answers400NamingTheField(string body, string expected)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await Http.PostAsync(new Uri(Master.Address, "/login"), content);

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), Does.Contain(expected));
            Assert.That(response.Headers.Contains("Set-Cookie"), Is.False);
        });
    }

    [Test]
    public async Task SignIn_WithoutAForm_Answers400NamingTheFields()
    {
        using var content = new StringContent("""{"principal":"ops","secret":"ops-secret-7f3a"}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(new Uri(Master.Address, "/login"), content);

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("expected a form with the fields principal and secret"));
        });
    }
}
