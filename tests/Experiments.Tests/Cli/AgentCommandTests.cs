using System.CommandLine;
using ClusterSim.Experiments.Cli;

namespace ClusterSim.Experiments.Tests.Cli;

/// <summary><c>clustersim agent</c>'s oversubscription options are checked before the agent starts: one line
/// naming the option and what it expects, exit code 2.</summary>
[NonParallelizable]
public class AgentCommandTests
{
    private static (int Exit, string Error) Agent(params string[] options)
    {
        using var temp = new TempFolder();
        var token = temp.Write("token", "s3cret\n");
        var error = new StringWriter();
        var before = Console.Error;
        Console.SetError(error);
        try
        {
            var root = new RootCommand { AgentCommand.Create() };
            int exit = root.Parse(["agent", "--master", "http://127.0.0.1:9", "--listen", "http://127.0.0.1:0", "--token-file", token, .. options])
                .InvokeAsync().GetAwaiter().GetResult();
            return (exit, error.ToString());
        }
        finally
        {
            Console.SetError(before);
        }
    }

    [TestCase("--oversubscription-offered", "0", "--oversubscription-offered: expected the share of the slack offered, in (0, 1], found '0'")]
    [TestCase("--oversubscription-offered", "1.5", "--oversubscription-offered: expected the share of the slack offered, in (0, 1], found '1.5'")]
    [TestCase("--qos-threshold", "half", "--qos-threshold: expected the share of the agent's resources usage may reach, in (0, 1], found 'half'")]
    [TestCase("--qos-evict", "oldest", "--qos-evict: expected all, newest or none, found 'oldest'")]
    public void ABadOversubscriptionOption_IsOneLineNamingIt(string option, string value, string expected)
    {
        var (exit, error) = Agent("--oversubscription-interval", "15s", option, value);
        Assert.That((exit, error), Is.EqualTo((2, "error: " + expected + Environment.NewLine)));
    }

    [Test]
    public void QosEvictNone_WithAThreshold_IsRefused_AsTheThresholdWouldDoNothing()
    {
        var (exit, error) = Agent("--oversubscription-interval", "15s", "--qos-evict", "none", "--qos-threshold", "0.9");
        Assert.That((exit, error), Is.EqualTo((2, "error: --qos-threshold: has no effect with --qos-evict none (the agent evicts nothing)" + Environment.NewLine)));
    }

    [Test]
    public void AnOversubscriptionOption_WithoutTheInterval_IsRefused()
    {
        var (exit, error) = Agent("--qos-threshold", "0.9");
        Assert.That((exit, error), Is.EqualTo((2, "error: --qos-threshold: needs --oversubscription-interval (the agent estimates its slack and checks its QoS only then)" + Environment.NewLine)));
    }
}
