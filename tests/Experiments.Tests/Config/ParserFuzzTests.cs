using System.Text;
using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Scenarios;
using ClusterSim.Fuzz.ConfigTargets;
using ClusterSim.Fuzz.Targets;
using CsCheck;

namespace ClusterSim.Experiments.Tests.Config;

/// <summary>
/// The experiment and scenario parsers under fuzzing (README, "Fuzzing"): every input of
/// tests/fuzz-corpus/experiment and tests/fuzz-corpus/scenario goes through its target as clustersim-fuzz runs
/// it, and properties over generated inputs (CsCheck generators drawn from a fixed seed, so every run tries
/// the same cases, a few seconds each) hold: the only failure is a <see cref="ConfigException"/> naming the
/// file and a line, never another exception, a stack overflow or an allocation out of proportion.
/// </summary>
public class ParserFuzzTests
{
    private static readonly string[] Targets = ["experiment", "scenario"];

    private static readonly string[] Interesting =
        ["", "-1", "0", "1e300", "NaN", "9223372036854775807", "4294967296", "2147483648", "x", "[", "{", "}", "- ", ": ", "&a", "*a", "!!map", "? ", "---", "\t", "'", "\""];

    private static string Corpus(string target) => RepositoryRoot.Combine("tests", "fuzz-corpus", target);

    private static FuzzTarget Target(string name) => ConfigTargets.All.Single(t => t.Name == name);

    private static IEnumerable<TestCaseData> Inputs() =>
        Targets.SelectMany(t => Directory.GetFiles(Corpus(t)).OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new TestCaseData(t, Path.GetFileName(f)).SetName($"Corpus_{t}_{Path.GetFileName(f)}")));

    [TestCaseSource(nameof(Inputs))]
    public void CorpusInput_IsParsedOrRejectedWithALocation(string targetName, string file)
    {
        var target = Target(targetName);
        var input = File.ReadAllBytes(Path.Combine(Corpus(targetName), file));
        using var dir = new TempFolder();

        Assert.That(() => target.Run(input, dir.Combine(target.FileName)), Throws.Nothing);
    }

    [TestCase("experiment")]
    [TestCase("scenario")]
    public void EveryTarget_HasSeedsThatParse(string targetName)
    {
        var seeds = Directory.GetFiles(Corpus(targetName), "seed-*");
        Assert.That(seeds, Is.Not.Empty);
        foreach (var seed in seeds)
        {
            using var dir = new TempFolder();
            var path = dir.Combine(Target(targetName).FileName);
            File.Copy(seed, path);
            if (targetName == "experiment")
            {
                ExperimentTarget.WriteTrace(dir.Path);
                Assert.That(() => ExperimentParser.ParseFile(path), Throws.Nothing, seed);
            }
            else Assert.That(() => ScenarioParser.ParseFile(path), Throws.Nothing, seed);
        }
    }

    /// <summary>Each found-* input, what it once did, and what it is now: an error at this line naming this key.</summary>
    [TestCase("experiment", "found-map-as-key.yaml", 45, "", "a key is a map")]                // InvalidCastException in the variant merge
    [TestCase("experiment", "found-loader-argument.yaml", 0, "", "YAML syntax error")]          // YamlDotNet's ArgumentException leaked
    [TestCase("experiment", "found-open-without-bracket.yaml", 0, "", "YAML syntax error")]     // error at line 0 (no bracket left open)
    [TestCase("experiment", "found-deep-nesting.yaml", 0, "", "nest more than 64 deep")]        // loader recursion, 100,000 levels
    [TestCase("experiment", "found-agents-10m.yaml", 10, "cluster.agents[0].count", "expected 1 to 1000000 agents")]
    [TestCase("experiment", "found-agents-in-all.yaml", 11, "cluster.agents[1].count", "add up to 1200000 agents")]
    [TestCase("experiment", "found-jobs-100m.yaml", 17, "frameworks[0].workload.synthetic.jobs", "expected 0 to 10000000 jobs")]
    [TestCase("experiment", "found-priority-wraps.yaml", 0, "frameworks[0].workload.trace.filter.priority", "found [4294967296, 8]")]
    [TestCase("experiment", "found-attribute-overflow.yaml", 10, "cluster.agents[0].attributes.rack", "a whole number from 1 to 2147483647")]
    [TestCase("experiment", "found-attribute-digits.yaml", 10, "cluster.agents[0].attributes.rack", "a whole number from 1 to 2147483647")]
    [TestCase("scenario", "found-loader-argument.yaml", 0, "", "YAML syntax error")]
    [TestCase("scenario", "found-open-without-bracket.yaml", 0, "", "YAML syntax error")]
    [TestCase("scenario", "found-deep-nesting.yaml", 0, "", "nest more than 64 deep")]
    [TestCase("scenario", "found-repeat-product.yaml", 0, "steps[3].repeat.times", "repeats to 1000000000000 steps")]
    [TestCase("scenario", "found-count-wraps.yaml", 0, "steps[4].expectOfferCounts.fw1", "expected a count from 0 to 2147483647")]
    public void FoundInput_IsAConfigErrorNamingTheLineAndKey(string targetName, string file, int line, string key, string problem)
    {
        var text = File.ReadAllText(Path.Combine(Corpus(targetName), file));
        using var dir = new TempFolder();
        var path = dir.Combine(Target(targetName).FileName);
        ExperimentTarget.WriteTrace(dir.Path);

        var e = Assert.Throws<ConfigException>(() =>
        {
            if (targetName == "experiment") ExperimentParser.Parse(path, text);
            else ScenarioParser.Parse(path, text);
        })!;

        Assert.That(e.File, Is.EqualTo(path));
        Assert.That(e.Line, line == 0 ? Is.GreaterThan(0) : Is.EqualTo(line));
        Assert.That(e.Key, Is.EqualTo(key));
        Assert.That(e.Problem, Does.Contain(problem));
    }

    /// <summary>A mutation of a text: which kind, where (as fractions of the text), and which value.</summary>
    private static readonly Gen<(int Kind, double At, double To, int Value)> Mutation =
        Gen.Select(Gen.Int[0, 5], Gen.Double[0, 1], Gen.Double[0, 1], Gen.Int[0, Interesting.Length - 1]);

    private static string Apply(string text, IEnumerable<(int Kind, double At, double To, int Value)> mutations)
    {
        foreach (var (kind, at, to, value) in mutations)
        {
            int a = (int)(at * text.Length), b = (int)(to * text.Length);
            (a, b) = (Math.Min(a, b), Math.Max(a, b));
            text = kind switch
            {
                0 => ReplaceWord(text, a, Interesting[value]),
                1 => text[..a] + text[b..],                                   // delete a range
                2 => text[..a] + text[a..b] + text[a..],                      // repeat a range
                3 => text[..a],                                               // cut
                4 => text[..a] + Interesting[value] + text[a..],              // insert a value
                _ => text[..a] + text[b..] + text[a..b],                      // move a range to the end
            };
        }
        return text;
    }

    private static string ReplaceWord(string text, int at, string value)
    {
        static bool Separator(char c) => c is ',' or ' ' or '\n' or ':' or '{' or '}' or '[' or ']' or '"' or ';';
        int start = at, end = at;
        while (start > 0 && !Separator(text[start - 1])) start--;
        while (end < text.Length && !Separator(text[end])) end++;
        return text[..start] + value + text[end..];
    }

    [TestCase("experiment")]
    [TestCase("scenario")]
    public void MutatedSeed_IsParsedOrRejectedWithALocation(string targetName)
    {
        var target = Target(targetName);
        var seeds = Directory.GetFiles(Corpus(targetName), "seed-*").OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
        using var dir = new TempFolder();
        var path = dir.Combine(target.FileName);

        Sample(Gen.Select(Gen.Int[0, seeds.Length - 1], Mutation.Array[1, 4]), 600, c =>
            target.Run(Encoding.UTF8.GetBytes(Apply(seeds[c.Item1], c.Item2)), path), // throws FuzzFinding or the exception itself
            c => Apply(seeds[c.Item1], c.Item2));
    }

    [Test]
    public void DeepNesting_IsAConfigErrorAtTheLevelTooDeep()
    {
        var nesting = Gen.Select(Gen.Int[1, 200_000], Gen.Int[0, 2]);

        Sample(nesting, 40, c =>
        {
            var (depth, kind) = c;
            if (kind == 2) depth = 1 + depth % 2000; // indented: the text grows with the square of the depth
            var text = "name: deep\nhorizon: " + kind switch
            {
                0 => new string('[', depth) + new string(']', depth),
                1 => string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth),
                _ => string.Concat(Enumerable.Range(0, depth).Select(i => "\n" + new string(' ', i + 1) + "a:")) + " 1",
            };
            try
            {
                YamlNode.Load("deep.yaml", text);
                Assert.That(depth, Is.LessThan(YamlNode.MaxDepth)); // the file's own map is one level
            }
            catch (ConfigException e)
            {
                Assert.That(depth, Is.GreaterThanOrEqualTo(YamlNode.MaxDepth), e.Message);
                Assert.That(e.Line, Is.GreaterThan(0));
                Assert.That(e.Problem, Does.Contain("deep"));
            }
        }, c => $"depth {c.Item1}, kind {c.Item2}");
    }

    [Test]
    public void AliasesExpandingPastTheLimit_AreAConfigError_Quickly()
    {
        // "billion laughs": each level a list of `width` aliases of the one before.
        var aliases = Gen.Select(Gen.Int[1, 12], Gen.Int[1, 12]);

        Sample(aliases, 60, c =>
        {
            var (width, levels) = c;
            var text = new StringBuilder("name: x\nhorizon: 1h\nseeds:\n  - &l0 [1]\n");
            for (int i = 1; i <= levels; i++)
                text.Append($"  - &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", width))}]\n");
            double expanded = Enumerable.Range(0, levels + 1).Sum(i => Math.Pow(width, i) * 2);
            try
            {
                YamlNode.Load("aliases.yaml", text.ToString());
                Assert.That(expanded, Is.LessThan(YamlNode.MaxNodes * 2));
            }
            catch (ConfigException e)
            {
                Assert.That(expanded, Is.GreaterThan(YamlNode.MaxNodes / 2.0), e.Message);
                Assert.That(e.Line, Is.GreaterThan(2), e.Message);
            }
        }, c => $"width {c.Item1}, levels {c.Item2}");
    }

    [Test]
    public void AnyAgentCountOrJobCount_IsReadOrAnErrorNamingItsKey()
    {
        var seed = File.ReadAllText(Path.Combine(Corpus("experiment"), "seed-mmc-queue.yaml"));
        var count = Gen.OneOf(Gen.Long, Gen.Long[-2, 20_000_000], Gen.Const(long.MaxValue), Gen.Const(ClusterSection.MaxAgents + 1));

        Sample(Gen.Select(count, count), 300, c =>
        {
            var (agents, jobs) = c;
            var text = seed.Replace("count: 20,", $"count: {agents},", StringComparison.Ordinal)
                .Replace("jobs: 12000", $"jobs: {jobs}", StringComparison.Ordinal);
            try
            {
                ExperimentParser.Parse("/nowhere/mmc.yaml", text);
                Assert.That(agents, Is.InRange(1, ClusterSection.MaxAgents));
                Assert.That(jobs, Is.InRange(0, SyntheticSection.MaxJobs));
            }
            catch (ConfigException e)
            {
                Assert.That(e.Key, Is.AnyOf("cluster.agents[0].count", "frameworks[0].workload.synthetic.jobs", "frameworks[0].workload.synthetic.task", "checks.erlangC.framework"), e.Message);
                Assert.That(e.Line, Is.GreaterThan(0));
            }
        }, c => $"count {c.Item1}, jobs {c.Item2}");
    }

    /// <summary>
    /// Draws <paramref name="iterations"/> cases from <paramref name="gen"/> with a fixed PCG seed, so every run
    /// tries the same cases (CsCheck's Sample seeds only its first iteration), and fails naming the case.
    /// </summary>
    private static void Sample<T>(Gen<T> gen, int iterations, Action<T> check, Func<T, string> print)
    {
        var pcg = new PCG(1, 20261128);
        for (int i = 0; i < iterations; i++)
        {
            var value = gen.Generate(pcg, null, out _);
            try
            {
                check(value);
            }
            catch (Exception e) when (e is not AssertionException)
            {
                Assert.Fail($"case {i}: {e.GetType().Name}: {e.Message}\ninput:\n{print(value)}");
            }
            catch (AssertionException)
            {
                TestContext.Out.WriteLine($"case {i}, input:\n{print(value)}");
                throw;
            }
        }
    }
}
