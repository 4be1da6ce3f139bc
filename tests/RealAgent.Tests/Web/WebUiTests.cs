using System.Net;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Oversubscription;
using ClusterSim.Core.Resources;
using ClusterSim.Core.Tasks;
using ClusterSim.RealAgent.Security;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.RealAgent.Tests.Web;

/// <summary>
/// The master's web UI in a real browser: Debian's chromium (tools/setup-browser.sh installs it) driven by
/// Playwright, never a downloaded one. Without chromium the tests are ignored with the reason on a developer's
/// machine, but fail when CI=true, where the setup script has run and a skipped UI test would hide a broken UI.
/// Each test gets its own master (in process, port 0) and a fresh browser context (no shared cookies).
/// </summary>
[Category("Browser")]
[NonParallelizable]
public class WebUiTests
{
    /// <summary>Where Debian's chromium package puts its launcher.</summary>
    private const string Chromium = "/usr/bin/chromium";

    private static readonly TimeSpan TestBound = TimeSpan.FromSeconds(60);

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IBrowserContext? _context;
    private InProcessMaster? _master;
    private CancellationTokenSource? _timeout;

    private InProcessMaster Master => _master ?? throw new InvalidOperationException("the master runs only during a test");
    private IBrowserContext Context => _context ?? throw new InvalidOperationException("the browser runs only during a test");
    private CancellationToken Timeout => _timeout?.Token ?? CancellationToken.None;

    [OneTimeSetUp]
    public async Task LaunchBrowserAsync()
    {
        if (!File.Exists(Chromium))
        {
            var reason = $"{Chromium} does not exist; run tools/setup-browser.sh as root (it installs Debian's chromium).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                Assert.Fail(reason + " CI=true, so the browser tests must run.");
            Assert.Ignore(reason);
        }
        // Polls come every 1.5 s; allow a few of them on a busy two-core machine.
        SetDefaultExpectTimeout(10_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Root in a container has no user namespace for chromium's sandbox.
            Args = ["--no-sandbox"],
        });
    }

    [SetUp]
    public async Task StartMasterAsync()
    {
        _timeout = new CancellationTokenSource(TestBound);
        // With oversubscription, as `clustersim master --oversubscription`: regular resources are allocated as without.
        _master = await InProcessMaster.StartAsync(Timeout, oversubscription: true);
        _context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        _context.SetDefaultTimeout(15_000);
    }

    [TearDown]
    public async Task StopMasterAsync()
    {
        if (_context != null) await _context.CloseAsync();
        if (_master != null) await _master.DisposeAsync();
        _timeout?.Dispose();
        (_context, _master, _timeout) = (null, null, null);
    }

    [OneTimeTearDown]
    public async Task CloseBrowserAsync()
    {
        if (_browser != null) await _browser.CloseAsync();
        _playwright?.Dispose();
    }

    [Test]
    public async Task SignIn_ThenOverview_ShowsTheClusterAndUpdatesItselfWithoutReloading()
    {
        await Master.RegisterAgentAsync("agent-1", "cpus:4;mem:8192", Timeout);
        var framework = await Master.OnLoopAsync(m =>
        {
            m.SetWeight("analytics", 2);
            m.SetQuota("analytics", Quota.Create(R.Of(cpus: 1), R.Of(cpus: 3), new ResourceKindSet(0).With(ResourceKind.Cpus)));
            return m.AddFramework(new FrameworkInfo("etl", "analytics"), new SilentScheduler());
        });
        var page = await Context.NewPageAsync();

        await page.GotoAsync(Master.Address + "");
        await Expect(page).ToHaveURLAsync(Master.Address + "login");
        var answer = await SignInAsync(page, InProcessMaster.Operator, InProcessMaster.OperatorSecret);

        Assert.That(answer.Status, Is.EqualTo((int)HttpStatusCode.SeeOther));
        await Expect(page).ToHaveURLAsync(Master.Address + "");
        var cookies = await Context.CookiesAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(cookies.Select(c => c.Name), Is.EqualTo(new[] { WebSessions.CookieName }));
            Assert.That(cookies[0].HttpOnly, Is.True, "the session cookie is HttpOnly");
            Assert.That(cookies[0].SameSite, Is.EqualTo(SameSiteAttribute.Strict));
            Assert.That(cookies[0].Path, Is.EqualTo("/"));
            Assert.That(await page.EvaluateAsync<string>("document.cookie"), Is.Empty, "script cannot read the session");
        });
        await Expect(page.Locator("#principal")).ToHaveTextAsync(InProcessMaster.Operator);
        var agent1 = Row(page, "agents", "agent-1");
        await Expect(agent1).ToContainTextAsync("active");
        await Expect(agent1.Locator("td").Nth(2)).ToContainTextAsync("0 / 4");
        await Expect(agent1.Locator("td").Nth(3)).ToContainTextAsync("0 / 8,192");
        // The role's quota caps its offer at 3 of the agent's 4 cpus, but not its memory: all of it is offered,
        // so the role's dominant share is its memory share.
        var role = Row(page, "roles", "analytics");
        await Expect(role.Locator("td").Nth(1)).ToHaveTextAsync("2");
        await Expect(role.Locator("td").Nth(2)).ToHaveTextAsync("cpus:1");
        await Expect(role.Locator("td").Nth(3)).ToHaveTextAsync("cpus:3");
        await Expect(role.Locator("td").Nth(4)).ToHaveTextAsync("cpus:3;mem:8192");
        await Expect(role.Locator("td").Nth(5)).ToHaveTextAsync("100 %");
        // How many offers the allocator made (one per allocation stage the quota brings into play) is the
        // master's business; the page must show that number.
        int offers = await Master.OnLoopAsync(m => m.OutstandingOffers(framework).Count);
        Assert.That(offers, Is.Positive);
        var etl = Row(page, "frameworks", framework.Value.ToString());
        await Expect(etl.Locator("td").Nth(0)).ToHaveTextAsync("etl");
        await Expect(etl.Locator("td").Nth(2)).ToHaveTextAsync("analytics");
        await Expect(etl.Locator("td").Nth(5)).ToHaveTextAsync("0");
        await Expect(etl.Locator("td").Nth(6)).ToHaveTextAsync(offers.ToString());

        // From here on the page must change by itself: no navigation, and a mark left in the window survives.
        int navigations = 0;
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) navigations++; };
        await page.EvaluateAsync("() => { window.clustersimMark = 'still here'; }");
        const string oddName = "agent-<b>2</b>";
        await Master.RegisterAgentAsync(oddName, "cpus:2;mem:2048", Timeout);
        Assert.That(await Master.TryLaunchAsync(framework, "agent-1", "etl-0/0", R.Of(cpus: 1, mem: 1024)), Is.True, "etl holds offers of agent-1 and launched on them");
        await Master.ReportStatusAsync("agent-1", framework, "etl-0/0", TaskState.Running, Timeout);

        var agent2 = Row(page, "agents", oddName);
        await Expect(agent2.Locator("td.name")).ToContainTextAsync(oddName);
        await Expect(agent2.Locator("b")).ToHaveCountAsync(0);
        await Expect(agent1.Locator("td").Nth(2)).ToContainTextAsync("1 / 4");
        await Expect(agent1.Locator("td").Nth(3)).ToContainTextAsync("1,024 / 8,192");
        await Expect(etl.Locator("td").Nth(5)).ToHaveTextAsync("1");
        var changes = page.Locator("#changes tbody tr");
        await Expect(changes.First).ToContainTextAsync("etl-0/0");
        await Expect(changes.First.Locator(".badge")).ToHaveTextAsync("RUNNING");
        await Expect(changes.Nth(1).Locator(".badge")).ToHaveTextAsync("STAGING");
        await Expect(page.Locator("#status")).ToHaveAttributeAsync("data-status", "live");

        Assert.Multiple(async () =>
        {
            Assert.That(navigations, Is.Zero, "the overview updated without navigating");
            Assert.That(await page.EvaluateAsync<string>("() => window.clustersimMark"), Is.EqualTo("still here"));
        });
        if (Environment.GetEnvironmentVariable("CLUSTERSIM_UI_SCREENSHOT") is { Length: > 0 } screenshot)
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
    }

    /// <summary>Revocable resources render apart from the regular ones: the agent's revocable total and use, the
    /// framework's and role's revocable allocation, a summary card, and a mark on the revocable task.</summary>
    [Test]
    public async Task Overview_ShowsRevocableResources_AndMarksTheRevocableTask()
    {
        await Master.RegisterAgentAsync("agent-1", "cpus:4;mem:8192", Timeout);
        var info = new FrameworkInfo("spare", "analytics") { Capabilities = new SortedSet<string>([RevocableResources.Capability], StringComparer.Ordinal) };
        var revocableOffer = new RevocableOfferWatch();
        var framework = await Master.OnLoopAsync(m =>
        {
            m.AddListener(revocableOffer);
            return m.AddFramework(info, new SilentScheduler());
        });
        var page = await Context.NewPageAsync();
        await page.GotoAsync(Master.Address + "login");
        await SignInAsync(page, InProcessMaster.Operator, InProcessMaster.OperatorSecret);
        var agent1 = Row(page, "agents", "agent-1");
        await Expect(agent1.Locator("td").Nth(4)).ToHaveTextAsync("—");

        await Master.ReportOversubscribedAsync("agent-1", "cpus:1.5;mem:1024", Timeout);
        await revocableOffer.Made.Task.WaitAsync(Timeout);
        await Expect(agent1.Locator("td").Nth(4)).ToContainTextAsync("0 / 1.5");
        Assert.That(await Master.TryLaunchAsync(framework, "agent-1", "spare-0", R.Of(cpus: 1, mem: 512), revocable: true), Is.True);
        Assert.That(await Master.TryLaunchAsync(framework, "agent-1", "etl-0", R.Of(cpus: 1, mem: 1024)), Is.True);

        await Expect(agent1.Locator("td").Nth(4)).ToContainTextAsync("1 / 1.5");
        await Expect(agent1.Locator("td").Nth(2)).ToContainTextAsync("1 / 4");
        await Expect(page.Locator("#sum-revocable")).ToHaveTextAsync("1 / 1.5");
        var spare = Row(page, "frameworks", framework.Value.ToString());
        // The unused half of the revocable offer went back and is offered again: the framework holds it all.
        await Expect(spare.Locator("td").Nth(7)).ToHaveTextAsync("cpus:1.5;mem:1024");
        await Expect(Row(page, "roles", "analytics").Locator("td").Nth(6)).ToHaveTextAsync("cpus:1.5;mem:1024");
        var launches = page.Locator("#changes tbody tr");
        await Expect(launches.Filter(new() { HasText = "spare-0" }).Locator("td.name .badge.revocable")).ToHaveTextAsync("revocable");
        await Expect(launches.Filter(new() { HasText = "etl-0" }).Locator(".badge.revocable")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task SignIn_WithAWrongSecret_ShowsAnErrorAndOpensNoSession()
    {
        var page = await Context.NewPageAsync();
        await page.GotoAsync(Master.Address + "login");

        var answer = await SignInAsync(page, InProcessMaster.Operator, "not-the-secret");

        await Expect(page.Locator("#signin-error")).ToHaveTextAsync("sign-in: wrong principal or secret");
        await Expect(page).ToHaveURLAsync(Master.Address + "login");
        Assert.Multiple(async () =>
        {
            Assert.That(answer.Status, Is.EqualTo((int)HttpStatusCode.Unauthorized));
            Assert.That(await Context.CookiesAsync(), Is.Empty);
            Assert.That(await page.ContentAsync(), Does.Not.Contain("not-the-secret"), "the page never echoes a secret");
            Assert.That(await page.InputValueAsync("#principal"), Is.EqualTo(InProcessMaster.Operator), "the principal is kept for the next try");
        });
        var state = await page.APIRequest.GetAsync(Master.Address + "state");
        Assert.That(state.Status, Is.EqualTo((int)HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task SignOut_ClosesTheSession()
    {
        var page = await Context.NewPageAsync();
        await page.GotoAsync(Master.Address + "login");
        await SignInAsync(page, InProcessMaster.Operator, InProcessMaster.OperatorSecret);
        await Expect(page).ToHaveURLAsync(Master.Address + "");
        var session = (await Context.CookiesAsync()).Single().Value;

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(Master.Address + "login");
        await page.GotoAsync(Master.Address + "");
        await Expect(page).ToHaveURLAsync(Master.Address + "login");
        // The old session id no longer opens anything, even when a client sends it by hand.
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Master.Address + "state");
        request.Headers.Add("Cookie", $"{WebSessions.CookieName}={session}");
        using var response = await http.SendAsync(request, Timeout);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    /// <summary>Fills and submits the sign-in form; returns the master's answer to the POST.</summary>
    private static async Task<IResponse> SignInAsync(IPage page, string principal, string secret)
    {
        await page.FillAsync("#principal", principal);
        await page.FillAsync("#secret", secret);
        return await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(),
            response => response.Request.Method == "POST" && response.Url.EndsWith("/login", StringComparison.Ordinal));
    }

    private static ILocator Row(IPage page, string table, string key) =>
        page.Locator($"#{table} tbody tr[data-key=\"{key}\"]");
}
