using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Model;

namespace ClusterSim.Experiments.Config;

/// <summary>
/// Reads an experiment's live: section:
/// <code>
/// live:
///   agents: { expect: 3, timeout: 60s }   # start once this many agents registered
///   timeScale: 60                         # trace seconds per wall second
///   master: { listen: "http://127.0.0.1:5050", heartbeat: 15s, missedHeartbeats: 5 }
/// </code>
/// </summary>
internal static class LiveSection
{
    public static LiveSpec? Read(YamlNode? node)
    {
        if (node == null) return null;
        node.WithKeys("agents", "timeScale", "master");
        int expect = 1;
        var timeout = Duration.FromSeconds(60);
        if (node.Optional("agents") is { } agents)
        {
            agents.WithKeys("expect", "timeout");
            if (agents.Optional("expect") is { } e) expect = (int)e.Integer(1, 100_000, "agents");
            if (agents.Optional("timeout") is { } t)
            {
                timeout = t.Duration();
                if (timeout.Micros <= 0 || timeout.IsForever) throw t.Error("expected a positive, finite wait such as 60s");
            }
        }
        double scale = 1;
        if (node.Optional("timeScale") is { } s)
        {
            scale = s.Number("a time scale");
            if (!(scale > 0) || double.IsInfinity(scale)) throw s.Error($"expected a positive time scale (trace seconds per wall second), found {scale}");
        }
        var spec = new LiveSpec(expect, timeout, scale, LiveSpec.DefaultListen);
        if (node.Optional("master") is { } master)
        {
            master.WithKeys("listen", "heartbeat", "missedHeartbeats");
            if (master.Optional("listen") is { } listen)
            {
                if (!Uri.TryCreate(listen.Text(), UriKind.Absolute, out var uri) || uri.Scheme != "http")
                    throw listen.Error($"expected an http URL such as {LiveSpec.DefaultListen}, found '{listen.Text()}'");
                spec = spec with { MasterListen = listen.Text() };
            }
            if (master.Optional("heartbeat") is { } hb)
            {
                var d = hb.Duration();
                if (d.Micros <= 0 || d.IsForever) throw hb.Error("expected a positive heartbeat interval such as 15s");
                spec = spec with { HeartbeatInterval = d };
            }
            if (master.Optional("missedHeartbeats") is { } missed)
            {
                spec = spec with { MaxMissedHeartbeats = (int)missed.Integer(1, 1000, "missed heartbeats") };
            }
        }
        return spec;
    }
}
