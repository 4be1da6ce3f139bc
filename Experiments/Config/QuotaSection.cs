using ClusterSim.Core.Allocation;
using ClusterSim.Core.Resources;

namespace ClusterSim.Experiments.Config;

/// <summary>Reads a role's <c>quota: { guarantee: "...", limit: "..." }</c> (either part optional; a resource
/// absent from the limit is unlimited) and checks it once. <c>alsoAllowed</c> names the other keys of a map
/// that holds a quota beside them (a setQuota event's role).</summary>
public static class QuotaSection
{
    public static Quota Read(YamlNode node, params string[] alsoAllowed)
    {
        node.WithKeys(["guarantee", "limit", .. alsoAllowed]);
        var guarantee = node.Optional("guarantee")?.Resources() ?? Resources.Empty;
        var limitNode = node.Optional("limit");
        Resources? limit = limitNode?.Resources();
        var limited = new ResourceKindSet(0);
        if (limitNode != null)
            foreach (var part in limitNode.Text().Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (ResourceKinds.TryParse(part.Split(':')[0].Trim(), out var kind)) limited = limited.With(kind);
        try
        {
            return Quota.Create(guarantee, limit, limited);
        }
        catch (ArgumentException e)
        {
            throw (limitNode ?? node).Error(e.Message);
        }
    }
}
