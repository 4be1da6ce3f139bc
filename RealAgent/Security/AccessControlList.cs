using System.Security.Cryptography;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ClusterSim.RealAgent.Security;

/// <summary>
/// The principals a master (or an agent) accepts, with their secrets and permissions, read from an ACL file:
/// <code>
/// principals:
///   ops:       { secret: "s3cret-ops", operator: true }
///   agents:    { secret: "s3cret-agents", agent: true }
///   analytics: { secret: "s3cret-an", roles: [analytics] }
/// </code>
/// Secrets are compared in constant time (a wrong principal name costs the same comparison as a wrong
/// secret) and are never logged, echoed or shown.
/// </summary>
public sealed class AccessControlList
{
    /// <summary>The principal the one-secret shorthand (<c>--token-file</c>) stands for: it may do everything.</summary>
    public const string TokenPrincipal = "clustersim";

    private static readonly string[] Keys = ["secret", "operator", "agent", "roles"];
    private readonly Dictionary<string, (Principal Principal, byte[] Secret)> _principals = new(StringComparer.Ordinal);
    private readonly byte[] _decoy = RandomNumberGenerator.GetBytes(32);

    private AccessControlList()
    {
    }

    public IReadOnlyCollection<Principal> Principals => _principals.Values.Select(p => p.Principal).ToArray();

    /// <summary>One principal with every permission, for <c>--token-file</c>.</summary>
    public static AccessControlList FromToken(BearerToken token)
    {
        var acl = new AccessControlList();
        acl.Add(new Principal(TokenPrincipal, Operator: true, Agent: true, new SortedSet<string>(["*"], StringComparer.Ordinal)),
            token.Value);
        return acl;
    }

    /// <summary>Principals given in code (tests, and the runner's own master).</summary>
    public static AccessControlList Of(params (Principal Principal, string Secret)[] principals)
    {
        var acl = new AccessControlList();
        foreach (var (principal, secret) in principals) acl.Add(principal, secret);
        return acl;
    }

    private void Add(Principal principal, string secret) =>
        _principals.Add(principal.Name, (principal, Encoding.UTF8.GetBytes(secret)));

    /// <summary>The principal whose name and secret these are, or null; constant time in the secret.</summary>
    public Principal? Authenticate(string name, string secret)
    {
        var offered = Encoding.UTF8.GetBytes(secret);
        if (!_principals.TryGetValue(name, out var entry))
        {
            CryptographicOperations.FixedTimeEquals(offered, _decoy);
            return null;
        }
        return CryptographicOperations.FixedTimeEquals(offered, entry.Secret) ? entry.Principal : null;
    }

    /// <summary>The secret of a principal, for the master's own calls to an agent that registered as it.</summary>
    internal string? SecretOf(string name) =>
        _principals.TryGetValue(name, out var entry) ? Encoding.UTF8.GetString(entry.Secret) : null;

    /// <summary>Reads an ACL file; every mistake names the file, line, column and key.</summary>
    public static AccessControlList Load(string path)
    {
        if (!File.Exists(path)) throw new AclFileException(path, 0, 0, "file", "does not exist; expected a YAML file with a principals: map");
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new AclFileException(path, (int)e.Start.Line, (int)e.Start.Column, "yaml", e.Message);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new AclFileException(path, 1, 1, "principals", "expected a map with a principals: key");
        var acl = new AccessControlList();
        YamlMappingNode? principals = null;
        foreach (var (key, value) in root.Children)
        {
            var name = ((YamlScalarNode)key).Value;
            if (name != "principals") throw Error(path, key, name ?? "", "unknown key; expected principals");
            principals = value as YamlMappingNode ?? throw Error(path, value, "principals", "expected a map of principal names to { secret, operator, agent, roles }");
        }
        if (principals == null) throw new AclFileException(path, 1, 1, "principals", "missing; expected a map of principals");
        foreach (var (key, value) in principals.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (name.Length == 0 || name.Contains(':')) throw Error(path, key, $"principals.{name}", "expected a principal name without ':'");
            var where = $"principals.{name}";
            if (value is not YamlMappingNode fields) throw Error(path, value, where, "expected a map with secret and permissions");
            string? secret = null;
            bool isOperator = false, isAgent = false;
            var roles = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var (fieldKey, fieldValue) in fields.Children)
            {
                var field = ((YamlScalarNode)fieldKey).Value ?? "";
                switch (field)
                {
                    case "secret":
                        secret = Scalar(path, fieldValue, $"{where}.secret", "a non-empty string");
                        if (secret.Length == 0) throw Error(path, fieldValue, $"{where}.secret", "expected a non-empty string");
                        break;
                    case "operator":
                        isOperator = Flag(path, fieldValue, $"{where}.operator");
                        break;
                    case "agent":
                        isAgent = Flag(path, fieldValue, $"{where}.agent");
                        break;
                    case "roles":
                        if (fieldValue is not YamlSequenceNode list) throw Error(path, fieldValue, $"{where}.roles", "expected a list of role names, e.g. [analytics]");
                        foreach (var item in list)
                        {
                            var role = Scalar(path, item, $"{where}.roles", "a role name");
                            if (role.Length == 0) throw Error(path, item, $"{where}.roles", "expected a role name");
                            roles.Add(role);
                        }
                        break;
                    default:
                        throw Error(path, fieldKey, $"{where}.{field}", $"unknown key; expected one of {string.Join(", ", Keys)}");
                }
            }
            if (secret == null) throw Error(path, value, $"{where}.secret", "missing; every principal needs a secret");
            if (!isOperator && !isAgent && roles.Count == 0)
                throw Error(path, value, where, "grants nothing; expected operator: true, agent: true or roles: [...]");
            acl.Add(new Principal(name, isOperator, isAgent, roles), secret);
        }
        if (acl._principals.Count == 0) throw Error(path, principals, "principals", "is empty; expected at least one principal");
        return acl;
    }

    private static string Scalar(string path, YamlNode node, string key, string expected) =>
        node is YamlScalarNode { Value: { } value } ? value : throw Error(path, node, key, $"expected {expected}");

    private static bool Flag(string path, YamlNode node, string key) =>
        Scalar(path, node, key, "true or false") switch
        {
            "true" => true,
            "false" => false,
            var other => throw Error(path, node, key, $"expected true or false, found '{other}'"),
        };

    private static AclFileException Error(string path, YamlNode node, string key, string problem) =>
        new(path, (int)node.Start.Line, (int)node.Start.Column, key, problem);
}
