using ClusterSim.Fuzz;
using ClusterSim.Fuzz.ConfigTargets;
using ClusterSim.Fuzz.Targets;
using SharpFuzz;

// clustersim-fuzz: the fuzzing harness of the resource-string parser, the trace readers and the experiment and
// scenario parsers (README, "Fuzzing").
//   list                        the targets
//   run TARGET                  one input from stdin, under afl-fuzz: SharpFuzz's out-of-process loop
//   ci [--mutations N] [--seed S] [--corpus DIR] [--findings DIR]
//                               replays every corpus input, then N seeded mutations of each (default 300);
//                               exit 1 and the failing inputs saved under DIR (default fuzz-findings/) on any finding
IReadOnlyList<FuzzTarget> targets = [.. FuzzTargets.All, .. ConfigTargets.All];
string corpus = Path.Combine("tests", "fuzz-corpus");
string findings = "fuzz-findings";
int mutations = 300, seed = 1;
if (args.Length == 0 || args[0] is "-h" or "--help") return Usage();
for (int i = 1; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--mutations" when int.TryParse(args[i + 1], out var n) && n >= 0: mutations = n; break;
        case "--seed" when int.TryParse(args[i + 1], out var s): seed = s; break;
        case "--corpus": corpus = args[i + 1]; break;
        case "--findings": findings = args[i + 1]; break;
        default:
            if (args[0] == "run") continue;
            Console.Error.WriteLine($"error: option '{args[i]}': expected --mutations N, --seed S, --corpus DIR or --findings DIR with a value");
            return 2;
    }
}

switch (args[0])
{
    case "list":
        foreach (var t in targets) Console.WriteLine(t.Name);
        return 0;
    case "run" when args.Length >= 2 && targets.FirstOrDefault(t => t.Name == args[1]) is { } target:
        {
            var folder = Directory.CreateTempSubdirectory("clustersim-fuzz-").FullName;
            // Relative paths in an input (an experiment's traces) are looked up here first, not in the caller's folder.
            Directory.SetCurrentDirectory(folder);
            var path = Path.Combine(folder, target.FileName);
            // Under afl-fuzz every exception that escapes is a crash; the target lets only findings escape.
            Fuzzer.OutOfProcess.Run(stream =>
            {
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                var input = memory.ToArray();
                File.WriteAllBytes(path, input);
                target.Run(input, path);
            });
            return 0;
        }
    case "ci":
        return Ci(targets, corpus, findings, mutations, seed);
    default:
        return Usage();
}

static int Usage()
{
    Console.Error.WriteLine("usage: clustersim-fuzz list | run TARGET | ci [--mutations N] [--seed S] [--corpus DIR] [--findings DIR]");
    Console.Error.WriteLine("targets: " + string.Join(", ", new[] { FuzzTargets.All, ConfigTargets.All }.SelectMany(l => l).Select(t => t.Name)));
    return 2;
}

static int Ci(IReadOnlyList<FuzzTarget> targets, string corpus, string findings, int mutations, int seed)
{
    if (!Directory.Exists(corpus))
    {
        Console.Error.WriteLine($"error: corpus folder '{corpus}' does not exist (run from the repository root, or give --corpus)");
        return 2;
    }
    corpus = Path.GetFullPath(corpus);
    findings = Path.GetFullPath(findings);
    var work = Directory.CreateTempSubdirectory("clustersim-fuzz-").FullName;
    // Relative paths in an input (an experiment's traces) are looked up here first, not in the repository.
    var caller = Directory.GetCurrentDirectory();
    Directory.SetCurrentDirectory(work);
    var check = new InputCheck(work, TimeSpan.FromSeconds(20));
    var clock = System.Diagnostics.Stopwatch.StartNew();
    int inputs = 0, found = 0;
    try
    {
        foreach (var (target, index) in targets.Select((t, i) => (t, i)))
        {
            var folder = Path.Combine(corpus, target.Name);
            var files = Directory.Exists(folder)
                ? Directory.GetFiles(folder).OrderBy(f => f, StringComparer.Ordinal).ToArray()
                : [];
            if (files.Length == 0)
            {
                Console.Error.WriteLine($"error: {folder}: expected at least one seed input for target {target.Name}");
                return 2;
            }
            // A stable seed per target (string.GetHashCode is randomised per process).
            var mutator = new Mutator(seed * 1009 + index);
            int targetInputs = 0, targetFound = 0;
            foreach (var file in files)
            {
                var original = File.ReadAllBytes(file);
                for (int m = 0; m <= mutations; m++)
                {
                    var input = m == 0 ? original : mutator.Mutate(original, target.IsBinary);
                    targetInputs++;
                    if (check.Check(target, input) is not { } problem) continue;
                    targetFound++;
                    Directory.CreateDirectory(Path.Combine(findings, target.Name));
                    var saved = Path.Combine(findings, target.Name, $"{Path.GetFileName(file)}-{m}");
                    File.WriteAllBytes(saved, input);
                    Console.WriteLine($"FINDING {target.Name} {saved}: {problem}");
                }
            }
            inputs += targetInputs;
            found += targetFound;
            Console.WriteLine($"{target.Name}: {targetInputs} inputs ({files.Length} corpus files), {targetFound} findings");
        }
    }
    finally
    {
        Directory.SetCurrentDirectory(caller);
        try { Directory.Delete(work, recursive: true); } catch (IOException) { }
    }
    Console.WriteLine($"fuzz: {inputs} inputs in {clock.Elapsed.TotalSeconds:0.0} s, {found} findings");
    return found == 0 ? 0 : 1;
}
