using ClusterSim.Experiments.Model;

namespace ClusterSim.Experiments.Config;

/// <summary>
/// Reads the framework lifecycle actions of <c>events</c>: <c>{ at, deactivateFramework: NAME }</c>,
/// <c>{ at, activateFramework: NAME }</c> and <c>{ at, updateFramework: { framework, capabilities,
/// minAllocatable } }</c>, each naming a framework of the experiment.
/// </summary>
public static class FrameworkEventsReader
{
    public static readonly string[] Actions = ["deactivateFramework", "activateFramework", "updateFramework"];

    public static FrameworkEvent Read(string action, YamlNode body, IReadOnlyCollection<string> frameworks)
    {
        string Known(YamlNode node)
        {
            var name = node.Text();
            if (!frameworks.Contains(name))
                throw node.Error($"unknown framework '{name}'{NearestName.Suggestion(name, frameworks)}; expected one of the experiment's frameworks");
            return name;
        }
        switch (action)
        {
            case "deactivateFramework":
                return new FrameworkEvent(FrameworkEventKind.Deactivate, Known(body));
            case "activateFramework":
                return new FrameworkEvent(FrameworkEventKind.Activate, Known(body));
            default:
                {
                    body.WithKeys("framework", "capabilities", "minAllocatable");
                    var framework = Known(body.Required("framework", "a framework name"));
                    var capabilities = body.Optional("capabilities") is { } caps
                        ? new SortedSet<string>(caps.Items().Select(c => c.Text()), StringComparer.Ordinal)
                        : null;
                    var min = body.Optional("minAllocatable")?.MinAllocatable();
                    if (capabilities == null && min == null)
                        throw body.Error("expected capabilities or minAllocatable: what the framework changes");
                    return new FrameworkEvent(FrameworkEventKind.Update, framework) { Capabilities = capabilities, MinAllocatable = min };
                }
        }
    }
}
