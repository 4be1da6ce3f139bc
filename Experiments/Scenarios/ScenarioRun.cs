using ClusterSim.Allocators;
using ClusterSim.Allocators.Oversubscription;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Oversubscription;

namespace ClusterSim.Experiments.Scenarios;

/// <summary>
/// One scenario being run: a simulated loop, a master with the scenario's allocator, and the agents and
/// frameworks its steps added, by the names the file gives them.
/// </summary>
public sealed class ScenarioRun
{
    private readonly List<ScenarioFailure> _failures = [];
    private readonly ScenarioLog _log;

    public ScenarioRun(Scenario scenario)
    {
        Scenario = scenario;
        Loop = new SimLoop();
        Core.Allocation.IAllocator allocator = AllocationPolicies.Create(Loop, scenario.Allocation, scenario.Policy, scenario.Seed);
        foreach (var (role, weight) in scenario.Weights) allocator.UpdateWeight(role, weight);
        foreach (var (role, quota) in scenario.Quotas) allocator.SetQuota(role, quota);
        if (scenario.Oversubscription != null) allocator = Revocable = new RevocableAllocator(allocator, Loop);
        var cluster = new HostedCluster(Loop, allocator, scenario.Allocation);
        Master = cluster.Master;
        _log = new ScenarioLog(Master);
        Master.AddListener(_log);
        if (Revocable != null) StartOversubscription(scenario.Oversubscription!);
        cluster.Start();
    }

    /// <summary>The agents' usage and evictions, with oversubscription: (null without).</summary>
    public UsageLedger? Usage { get; private set; }

    /// <summary>The allocator's revocable side, with oversubscription: (null without).</summary>
    public RevocableAllocator? Revocable { get; }

    private void StartOversubscription(OversubscriptionSettings settings)
    {
        Usage = new UsageLedger((_, task) => Scenario.TaskUsage.TryGetValue(task.Id.Value, out var u) ? u : 1.0);
        Master.AddListener(Usage);
        var qos = new QosController(Loop, Usage, settings)
        {
            Evict = (agent, framework, task) =>
            {
                if (Master.IsRegistered(agent) && Agents.TryGetValue(Master.AgentInfoOf(agent).Name, out var simulated))
                    simulated.Preempt(framework, task, QosController.EvictedState(Master.FrameworkInfoOf(framework)));
            },
        };
        new SlackEstimator(Loop, Master, Revocable!, Usage, settings).Start();
        qos.Start();
    }

    public Scenario Scenario { get; }
    public SimLoop Loop { get; }
    public Master Master { get; }
    public Dictionary<string, SimulatedAgent> Agents { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, ScenarioFramework> Frameworks { get; } = new(StringComparer.Ordinal);

    /// <summary>Agents a failAgent step took down, with what they register again with.</summary>
    public Dictionary<string, AgentInfo> FailedAgents { get; } = new(StringComparer.Ordinal);

    /// <summary>Offers made since the last offer expectation.</summary>
    public List<MadeOffer> Window => _log.Window;

    /// <summary>Inverse offers made since the last inverse offer expectation.</summary>
    public List<(string Framework, string Agent)> InverseWindow => _log.InverseWindow;

    public IReadOnlyList<ScenarioFailure> Failures => _failures;

    public void Fail(ScenarioStep step, string message) => _failures.Add(new ScenarioFailure(step.Label, step.Key, step.Line, message));

    public AgentId AgentId(string name) =>
        Master.TryFindAgent(name, out var id) ? id : throw new StepException($"agent '{name}' is not registered now");

    public ScenarioFramework Framework(string name) =>
        Frameworks.TryGetValue(name, out var f) && Master.IsRegistered(f.Id)
            ? f
            : throw new StepException($"framework '{name}' is not registered now");

    /// <summary>Runs every step, then returns what held and what did not.</summary>
    public ScenarioResult Execute()
    {
        RunSteps(Scenario.Steps);
        return new ScenarioResult(Scenario.Name, Scenario.File, _failures.ToArray(), _log.Lines.ToArray());
    }

    internal void RunSteps(IEnumerable<ScenarioStep> steps)
    {
        foreach (var step in steps)
        {
            try
            {
                step.Run(this);
            }
            catch (StepException e)
            {
                Fail(step, e.Message);
            }
            // Everything the step set off at this instant happens before the next step looks.
            Loop.RunDueNow();
        }
    }
}
