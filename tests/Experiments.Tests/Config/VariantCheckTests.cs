using System.Text.Json;
using ClusterSim.Experiments.Cli;
using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Running;

namespace ClusterSim.Experiments.Tests.Config;

/// <summary>The checks of a variant's sections against each other, before anything runs: errors with file,
/// line and key; warnings recorded with the spec and in run.json.</summary>
public class VariantCheckTests
{
    private const string Base = """
        name: probe
        horizon: 1h
        cluster:
          agents:
            - { count: 4, resources: "cpus:8;mem:16384;cpus(web):2;mem(web):1024" }
        roles:
          analytics: { weight: 1 }
          web: { weight: 1 }
        frameworks:
          - name: hadoop
            role: analytics
            workload:
              synthetic:
                jobs: 10
                arrival: { poisson: { rate: 2/m } }
                taskDuration: { exponential: { mean: 90s } }
                task: "cpus:1;mem:2048"
          - name: nginx
            role: web
            workload: { synthetic: { jobs: 2, arrival: { at: 0s }, taskDuration: { constant: 1m }, task: "cpus:1;mem:512" } }

        """;

    private static ConfigException Error(string yaml) =>
        Assert.Throws<ConfigException>(() => ExperimentParser.Parse("exp.yaml", yaml))!;

    private static IReadOnlyList<string> Warnings(string yaml) => ExperimentParser.Parse("exp.yaml", yaml).Warnings;

    [Test]
    public void The_Base_IsValid_AndRaisesNoWarning() => Assert.That(Warnings(Base), Is.Empty);

    [Test]
    public void A_FrameworkRole_NotDeclaredUnderRoles_IsAnError_WithTheRoleMeant()
    {
        var e = Error(Base.Replace("role: analytics", "role: analytcs"));
        Assert.That(e.Message, Is.EqualTo("exp.yaml:11:11: frameworks[0].role: role 'analytcs' is not declared under roles; did you mean analytics? (declared: analytics, web)"));
    }

    [Test]
    public void Without_ARolesSection_FrameworksNameTheirRoles()
    {
        var yaml = Base.Replace("roles:\n  analytics: { weight: 1 }\n  web: { weight: 1 }\n", "").Replace("role: analytics", "role: anything");
        Assert.That(ExperimentParser.Parse("exp.yaml", yaml).Variants[0].Frameworks[0].Settings.Role, Is.EqualTo("anything"));
    }

    [Test]
    public void A_FrameworkWithoutARole_TakesTheDefaultRole_WhichNeedsNoDeclaring() =>
        Assert.DoesNotThrow(() => ExperimentParser.Parse("exp.yaml", Base.Replace("    role: analytics\n", "")));

    [Test]
    public void A_VariantOverridingAnUndeclaredRole_IsAnError()
    {
        var e = Error(Base + "variants:\n  - { name: heavy, roles: { analytcs: { weight: 5 } } }\n");
        Assert.That(e.Message, Does.StartWith("exp.yaml:22:39: variants[0].roles.analytcs: variant 'heavy' overrides role 'analytcs', which the base file does not declare")
            .And.Contain("did you mean analytics?"));
    }

    [Test]
    public void A_VariantMayDeclareARole_ItsOwnFrameworksHave()
    {
        var frameworks = Base[Base.IndexOf("frameworks:", StringComparison.Ordinal)..].Replace("role: analytics", "role: ml").Replace("\n", "\n    ").TrimEnd();
        var yaml = Base + "variants:\n  - { name: drf }\n  - name: ml\n    roles: { ml: { weight: 2 } }\n    " + frameworks + "\n";
        var file = ExperimentParser.Parse("exp.yaml", yaml);
        Assert.That(file.Variants[1].Roles["ml"].Weight, Is.EqualTo(2));
    }

    [Test]
    public void A_Task_ThatFitsNoAgent_IsAnError()
    {
        var e = Error(Base.Replace("task: \"cpus:1;mem:2048\"", "task: \"cpus:12;mem:2048\""));
        Assert.That(e.Message, Does.StartWith("exp.yaml:17:15: frameworks[0].workload.synthetic.task: the task (cpus:12;mem:2048) fits no agent of the cluster"));
    }

    [Test]
    public void A_Task_FitsWithTheResourcesReservedForItsRole()
    {
        // 8 cpus per agent, 2 of them reserved for web: a 10-cpu web task fits, an analytics one does not.
        Assert.DoesNotThrow(() => ExperimentParser.Parse("exp.yaml", Base.Replace("task: \"cpus:1;mem:512\"", "task: \"cpus:10;mem:512\"")));
        Assert.That(Error(Base.Replace("task: \"cpus:1;mem:2048\"", "task: \"cpus:10;mem:512\"")).Message, Does.Contain("fits no agent"));
    }

    [Test]
    public void A_Gang_LargerThanTheCluster_IsAnError()
    {
        var gang = Base.Replace("    role: analytics\n", "    role: analytics\n    kind: gang\n")
            .Replace("taskDuration: { exponential", "tasksPerJob: { constant: 40 }\n        taskDuration: { exponential");
        var e = Error(gang);
        Assert.That(e.Message, Does.StartWith("exp.yaml:17:22: frameworks[0].workload.synthetic.tasksPerJob: every gang has at least 40 tasks but the cluster holds at most 32"));
        var some = gang.Replace("{ constant: 40 }", "{ uniform: [2, 40] }");
        Assert.That(Warnings(some).Single(), Does.Contain("tasksPerJob: gangs of more than 32 tasks (up to 40 here) never start"));
    }

    [Test]
    public void A_ServiceInstance_ThatFitsNoAgent_IsAnError()
    {
        var yaml = Base + """
              - name: web
                kind: service
                instance: "cpus:9;mem:1024"
                instances: { min: 1, max: 2 }
                load: { constant: 1 }

            """;
        Assert.That(Error(yaml).Message, Does.Contain("frameworks[2].instance: an instance (cpus:9;mem:1024) fits no agent"));
    }

    [Test]
    public void Suspicious_Things_AreWarnings_AtTheirLines()
    {
        var yaml = Base.Replace("  web: { weight: 1 }\n", "  web: { weight: 1 }\n  spare: { weight: 1 }\n")
            .Replace("{ at: 0s }", "{ uniform: [0s, 2h] }")
            + "events:\n  - { at: 3h, setWeight: { role: web, weight: 2 } }\n";
        Assert.That(Warnings(yaml), Is.EqualTo(new[]
        {
            "exp.yaml:9:10: roles.spare: role 'spare' is declared but no framework has it",
            "exp.yaml:23:11: events[0].at: at 3h, not before the horizon (3600s): this event never happens",
            "exp.yaml:21:48: frameworks[1].workload.synthetic.arrival: arrivals spread until 7200s, past the horizon (3600s): the jobs arriving after it never run",
        }));
    }

    [Test]
    public void A_Warning_SharedByEveryVariant_IsListedOnce()
    {
        var yaml = Base.Replace("  web: { weight: 1 }\n", "  web: { weight: 1 }\n  spare: {}\n")
            + "variants:\n  - { name: a }\n  - { name: b, allocation: { policy: random } }\n";
        var file = ExperimentParser.Parse("exp.yaml", yaml);
        Assert.That(file.Variants.Select(v => v.Warnings.Count), Is.EqualTo(new[] { 1, 1 }));
        Assert.That(file.Warnings, Has.Count.EqualTo(1));
    }

    // ---- traces ----------------------------------------------------------------------------------

    /// <summary>Three SWF jobs at 0, 60 and 120 s of 4, 40 and 2 processors, on a 64-processor machine.</summary>
    private static string SwfTrace(TempFolder temp, int firstSubmit = 0) => temp.Write("t.swf", $"""
        ; MaxProcs: 64
        1 {firstSubmit} 0 100 4 -1 -1 4 -1 -1 1 1 1 -1 -1 -1 -1 -1
        2 {firstSubmit + 60} 0 100 40 -1 -1 40 -1 -1 1 1 1 -1 -1 -1 -1 -1
        3 {firstSubmit + 120} 0 100 2 -1 -1 2 -1 -1 1 1 1 -1 -1 -1 -1 -1

        """);

    private static string TraceExperiment(string trace, string window = "") => $$"""
        name: gangs
        horizon: 1h
        cluster:
          agents:
            - { count: 4, resources: "cpus:8;mem:8192" }
        frameworks:
          - name: mpi
            role: hpc
            kind: gang
            workload: { trace: { format: swf, path: "{{trace}}", processor: "cpus:1;mem:1024"{{window}} } }

        """;

    [Test]
    public void Trace_Jobs_ThatCanNeverStart_AreLeftOut_AndCountedInAWarning_InRunJson()
    {
        using var temp = new TempFolder();
        var file = ExperimentParser.ParseFile(temp.Write("gangs.yaml", TraceExperiment(SwfTrace(temp))));
        Assert.That(file.Warnings.Single(), Does.EndWith("gangs.yaml:10:24: frameworks[0].workload.trace: 1 of 3 job arrivals (40 of 46 tasks) can never start on the cluster (a task larger than every agent, or a gang larger than the cluster); they are left out of the replay").And.Contain("frameworks[0].workload.trace: 1 of 3 job arrivals (40 of 46 tasks) can never start on the cluster"));

        var runner = new ExperimentRunner(file, null, 1);
        var dir = temp.Combine("out");
        runner.Run(dir, runner.Plan());
        var jobs = File.ReadAllLines(Path.Combine(dir, "runs", "base", "seed-1", "jobs.csv")).Skip(1).Select(l => l.Split(',')[0]).ToArray();
        Assert.That(jobs, Is.EquivalentTo(new[] { "1", "3" }), "the 40-task gang does not wait until the horizon");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "run.json")));
        Assert.That(json.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()), Is.EqualTo(file.Warnings));
    }

    [Test]
    public void A_TraceWindow_StartingAfterTheHorizon_IsAnError()
    {
        using var temp = new TempFolder();
        var e = Assert.Throws<ConfigException>(() => ExperimentParser.Parse("gangs.yaml", TraceExperiment(SwfTrace(temp, firstSubmit: 7200))))!;
        Assert.That(e.Message, Does.Contain("frameworks[0].workload.trace: the first job of the trace window arrives at 7200s, not before the horizon (3600s)"));
    }

    [Test]
    public void A_TraceWindow_HoldingNoJobs_IsAnError()
    {
        using var temp = new TempFolder();
        var e = Assert.Throws<ConfigException>(() => ExperimentParser.Parse("gangs.yaml", TraceExperiment(SwfTrace(temp), ", from: 10h")))!;
        Assert.That(e.Message, Does.Contain("workload.trace.from: the trace window (from 36000s to forever) holds no jobs; 3 are outside it"));
    }

    [Test]
    public void A_TraceThatCannotBeRead_IsAConfigError_BeforeTheRun()
    {
        using var temp = new TempFolder();
        var trace = temp.Write("t.swf", "1 0 0 100 4 -1 -1 4 -1 -1 1 1 1 -1 -1 -1 -1 -1\n");
        var e = Assert.Throws<ConfigException>(() => ExperimentParser.Parse("gangs.yaml", TraceExperiment(trace)))!;
        Assert.That(e.Message, Does.StartWith("gangs.yaml:10:24: frameworks[0].workload.trace: the trace cannot be read:").And.Contain("MaxProcs"));
    }

    [Test]
    public void The_RunCommand_PrintsEachWarningOnce()
    {
        using var temp = new TempFolder();
        var yaml = Base.Replace("  web: { weight: 1 }\n", "  web: { weight: 1 }\n  spare: {}\n").Replace("horizon: 1h", "horizon: 2m")
            + "variants:\n  - { name: a }\n  - { name: b, allocation: { policy: random } }\n";
        var file = temp.Write("exp.yaml", yaml);
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.That(RunCommand.Run(file, temp.Combine("out"), null, 1), Is.EqualTo(0));
        }
        finally
        {
            Console.SetError(saved);
        }
        Assert.That(error.ToString().Trim(), Is.EqualTo($"warning: {file}:9:10: roles.spare: role 'spare' is declared but no framework has it"));
    }
}
