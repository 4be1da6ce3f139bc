namespace ClusterSim.Workloads.Traces.Alibaba2018;

/// <summary>
/// The DAG a batch_task name encodes (Alibaba cluster-trace-v2018 schema): a letter, the task's number,
/// then the numbers of the tasks it depends on, joined by '_'. <c>M1</c> has no parents, <c>R4_2</c>
/// depends on task 2, <c>M5_3_4</c> on 3 and 4; the letter does not matter. <c>task_&lt;...&gt;</c> names are
/// independent tasks, and so is any name that does not follow the pattern (<see cref="Encoded"/> false).
/// </summary>
internal readonly record struct AlibabaTaskName(int? Number, int[] Parents, bool Encoded)
{
    private static readonly AlibabaTaskName Independent = new(null, [], false);

    public static AlibabaTaskName Parse(string name)
    {
        if (name.StartsWith("task_", StringComparison.Ordinal)) return Independent with { Encoded = true };
        int letters = 0;
        while (letters < name.Length && char.IsAsciiLetter(name[letters])) letters++;
        if (letters == 0 || letters == name.Length) return Independent;
        var parts = name[letters..].Split('_');
        var numbers = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (parts[i].Length == 0 || !parts[i].All(char.IsAsciiDigit) || !int.TryParse(parts[i], out numbers[i]))
                return Independent;
        return new AlibabaTaskName(numbers[0], numbers[1..], true);
    }
}
