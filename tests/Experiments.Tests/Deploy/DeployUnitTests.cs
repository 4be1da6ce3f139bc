using System.CommandLine;
using ClusterSim.Experiments.Cli;
using ClusterSim.RealAgent.Security;

namespace ClusterSim.Experiments.Tests.Deploy;

/// <summary>
/// The systemd units in deploy/ start the commands they name: their ExecStart lines, expanded as systemd
/// expands them with the example environment files, parse without error against `clustersim master` and
/// `clustersim agent` (a renamed option would otherwise surface only on a host, as a unit that restarts
/// forever); and the example ACL file loads and has the principal the agent's example names.
/// </summary>
public class DeployUnitTests
{
    private const string CredentialsDirectory = "/run/credentials/unit";

    private static string Deploy(string file) => RepositoryRoot.Combine("deploy", file);

    [TestCase("clustersim-master.service", "master.env.example", "master")]
    [TestCase("clustersim-agent.service", "agent.env.example", "agent")]
    public void ExecStart_WithTheExampleEnvironment_ParsesAsTheCommand(string unit, string environment, string command)
    {
        var words = ExecStart(unit, Environment(environment));

        Assert.That(words[0], Is.EqualTo("/usr/local/bin/clustersim"));
        Assert.That(words[1], Is.EqualTo(command));
        var root = new RootCommand { MasterCommand.Create(), AgentCommand.Create() };
        var parsed = root.Parse(words.Skip(1).ToArray());
        Assert.That(parsed.Errors.Select(e => e.Message), Is.Empty, string.Join(' ', words));
        Assert.That(parsed.CommandResult.Command.Name, Is.EqualTo(command));
    }

    [TestCase("clustersim-master.service")]
    [TestCase("clustersim-agent.service")]
    public void Unit_RunsAsItsOwnUserRestartsOnFailureAndTakesSecretsAsCredentials(string unit)
    {
        var lines = File.ReadAllLines(Deploy(unit));

        Assert.That(lines, Does.Contain("User=clustersim"));
        Assert.That(lines, Does.Contain("Restart=on-failure"));
        Assert.That(lines.Count(l => l.StartsWith("LoadCredential=", StringComparison.Ordinal) && l.Contains(":/etc/clustersim/", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(lines.Single(l => l.StartsWith("ExecStart=", StringComparison.Ordinal)), Does.Contain("%d/"), "the secret is read from the credentials directory");
    }

    [Test]
    public void AgentUnit_ReachesTheDockerSocket()
    {
        Assert.That(File.ReadAllLines(Deploy("clustersim-agent.service")), Does.Contain("SupplementaryGroups=docker"));
    }

    [Test]
    public void ExampleAcl_Loads_AndHasTheAgentPrincipalTheAgentExampleNames()
    {
        var acl = AccessControlList.Load(Deploy("acls.example.yaml"));
        var agent = Environment("agent.env.example")["CLUSTERSIM_PRINCIPAL"];

        Assert.That(acl.Principals.Single(p => p.Name == agent).Agent, Is.True);
        Assert.That(acl.Principals.Any(p => p.Operator), Is.True);
        Assert.That(acl.Principals.Any(p => p.IsFramework), Is.True);
    }

    /// <summary>KEY=VALUE lines of an EnvironmentFile (no quoting is used in the examples).</summary>
    private static Dictionary<string, string> Environment(string file) => File.ReadAllLines(Deploy(file))
        .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'))
        .Select(l => l.Split('=', 2))
        .ToDictionary(kv => kv[0].Trim(), kv => kv[1].Trim());

    /// <summary>
    /// The unit's command line as systemd splits it (systemd.service, "Command lines"): ${VAR} is one word
    /// (the value whole), $VAR splits the value at whitespace, %d is the credentials directory.
    /// </summary>
    private static List<string> ExecStart(string unit, Dictionary<string, string> environment)
    {
        var line = File.ReadAllLines(Deploy(unit)).Single(l => l.StartsWith("ExecStart=", StringComparison.Ordinal))["ExecStart=".Length..];
        var words = new List<string>();
        foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.StartsWith('$') && !word.StartsWith("${", StringComparison.Ordinal))
            {
                words.AddRange(Value(environment, word[1..]).Split(' ', StringSplitOptions.RemoveEmptyEntries));
                continue;
            }
            var expanded = word.Replace("%d", CredentialsDirectory, StringComparison.Ordinal);
            while (expanded.IndexOf("${", StringComparison.Ordinal) is var start and >= 0)
            {
                int end = expanded.IndexOf('}', start);
                expanded = expanded[..start] + Value(environment, expanded[(start + 2)..end]) + expanded[(end + 1)..];
            }
            words.Add(expanded);
        }
        return words;
    }

    private static string Value(Dictionary<string, string> environment, string name) =>
        environment.TryGetValue(name, out var value) ? value : throw new AssertionException($"the unit uses ${name}, which the example environment file does not set");
}
