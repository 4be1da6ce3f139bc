namespace ClusterSim.Experiments.Config;

/// <summary>
/// Something suspicious in a valid file (a declared role no framework uses, arrivals after the horizon,
/// trace tasks no agent can hold): reported once before the run and recorded in run.json, in the same
/// form as a <see cref="ConfigException"/>.
/// </summary>
public sealed record ConfigWarning(string File, int Line, int Column, string Key, string Problem)
{
    public override string ToString() => ConfigException.Describe(File, Line, Column, Key, Problem);
}
