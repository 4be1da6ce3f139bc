namespace ClusterSim.Experiments.Sweeps;

/// <summary>How <c>clustersim slurm</c> asks Slurm to run a sweep; each option unset leaves Slurm's default.</summary>
public sealed record SlurmOptions
{
    /// <summary>sbatch --partition for both jobs.</summary>
    public string? Partition { get; init; }

    /// <summary>sbatch --time for each array task and the merge (Slurm's forms: minutes, MM:SS, HH:MM:SS, D-HH).</summary>
    public string? Time { get; init; }

    /// <summary>At most this many array tasks at once (the array's %M).</summary>
    public int? MaxParallel { get; init; }

    /// <summary>More sbatch arguments for both jobs, as given (e.g. --account=x, --mem=4G, --cpus-per-task=4).</summary>
    public IReadOnlyList<string> SbatchArgs { get; init; } = [];

    /// <summary>Array tasks: null for one per run, else this many shards.</summary>
    public int? Shards { get; init; }

    /// <summary>Only this variant (run --variant).</summary>
    public string? Variant { get; init; }
}
