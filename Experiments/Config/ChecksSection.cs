using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Model;

namespace ClusterSim.Experiments.Config;

/// <summary>Reads <c>checks</c>: <c>erlangC: { framework, allowance }</c> (see mmc-queue.yaml).</summary>
public static class ChecksSection
{
    public static ErlangCCheck? Read(YamlNode? node, IReadOnlyList<FrameworkSpec> frameworks, Duration defaultAllowance)
    {
        if (node == null) return null;
        node.WithKeys("erlangC");
        if (node.Optional("erlangC") is not { } e) return null;
        e.WithKeys("framework", "allowance");
        var fw = e.Required("framework", "the framework whose waits are checked");
        var names = frameworks.Select(f => f.Settings.Name).ToArray();
        if (!names.Contains(fw.Text(), StringComparer.Ordinal))
            throw fw.Error($"unknown framework '{fw.Text()}'{NearestName.Suggestion(fw.Text(), names)}");
        var allowance = e.Optional("allowance")?.Duration() ?? defaultAllowance;
        return new ErlangCCheck(fw.Text(), allowance.Seconds);
    }
}
