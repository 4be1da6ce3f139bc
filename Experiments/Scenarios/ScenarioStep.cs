namespace ClusterSim.Experiments.Scenarios;

/// <summary>One step of a scenario: something done to the cluster, or something that must hold.</summary>
public abstract class ScenarioStep
{
    /// <summary>The step's key in the file (addAgent, expectOffers, ...).</summary>
    public string Key { get; private set; } = "";

    /// <summary>Where the step is written: "step 7", or "step 9.2" inside a repeat.</summary>
    public string Label { get; private set; } = "";

    public int Line { get; private set; }

    internal ScenarioStep Place(string key, string label, int line)
    {
        Key = key;
        Label = label;
        Line = line;
        return this;
    }

    public abstract void Run(ScenarioRun run);
}
