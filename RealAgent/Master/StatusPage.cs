using System.Globalization;
using System.Net;
using System.Text;

namespace ClusterSim.RealAgent.Master;

/// <summary>GET /: the state as a plain HTML page that reloads itself every two seconds; no script.</summary>
public static class StatusPage
{
    public static string Render(MasterState state)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"2\">")
            .Append("<title>ClusterSim master</title><style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;margin-bottom:1.5em}")
            .Append("td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}th{background:#eee}</style></head><body>")
            .Append("<h1>ClusterSim master</h1><p>time ").Append(Number(state.TimeSeconds)).Append(" s (trace time, scale x")
            .Append(Number(state.TimeScale)).Append("); <a href=\"state\">state as JSON</a></p>");
        Table(html, "Agents", ["name", "url", "id", "resources", "tasks", "silent for (s)"],
            state.Agents.Select(a => new[] { a.Name, a.Url, a.Id?.ToString(CultureInfo.InvariantCulture) ?? "waiting", a.Resources, a.Tasks.ToString(CultureInfo.InvariantCulture), Number(a.SecondsSinceHeard) }));
        Table(html, "Frameworks", ["name", "role", "dominant share", "allocated", "running", "live", "offers"],
            state.Frameworks.Select(f => new[] { f.Name, f.Role, Number(f.Share), f.Allocated, f.RunningTasks.ToString(CultureInfo.InvariantCulture), f.LiveTasks.ToString(CultureInfo.InvariantCulture), f.Offers.ToString(CultureInfo.InvariantCulture) }));
        Table(html, "Roles", ["role", "weight", "weighted share"], state.Roles.Select(r => new[] { r.Name, Number(r.Weight), Number(r.Share) }));
        Table(html, "Offers", ["id", "framework", "agent", "resources", "made at (s)"],
            state.Offers.Select(o => new[] { o.Id.ToString(CultureInfo.InvariantCulture), o.Framework, o.Agent, o.Resources, Number(o.MadeAt) }));
        Table(html, "Tasks", ["framework", "task", "agent", "state", "since (s)"],
            state.Tasks.Select(t => new[] { t.Framework, t.Id, t.Agent, t.State, Number(t.Since) }));
        Table(html, "Recently ended", ["framework", "task", "agent", "state", "at (s)", "reason"],
            state.RecentEnds.Select(t => new[] { t.Framework, t.Id, t.Agent, t.State, Number(t.Since), t.Reason ?? "" }));
        return html.Append("</body></html>").ToString();
    }

    private static void Table(StringBuilder html, string title, string[] headers, IEnumerable<string[]> rows)
    {
        html.Append("<h2>").Append(title).Append("</h2><table><tr>");
        foreach (var h in headers) html.Append("<th>").Append(WebUtility.HtmlEncode(h)).Append("</th>");
        html.Append("</tr>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row) html.Append("<td>").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</table>");
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
