using System.Text.Json;
using ClusterSim.Experiments.Cli;
using ClusterSim.Experiments.Sweeps;

namespace ClusterSim.Experiments.Tests.Sweeps;

/// <summary><c>clustersim run --shard K/N</c> and <c>clustersim merge</c>: shards merged give a whole run's outputs,
/// byte for byte; what cannot be merged is an error naming the run or folder.</summary>
[Parallelizable(ParallelScope.All)]
public class ShardMergeTests
{
    private static string RunShard(TempFolder temp, string file, string shard, string? name = null)
    {
        var dir = temp.Combine(name ?? "shard-" + shard.Replace('/', '-'));
        Assert.That(ShardCommand.Run(file, shard, dir, variant: null, jobs: 1), Is.Zero, $"run --shard {shard}");
        return dir;
    }

    [Test]
    public void ThreeShardsMerged_AreByteIdenticalToAWholeRun_AndRunJsonListsEveryShard()
    {
        using var temp = new TempFolder();
        var file = SweepExperiment.Write(temp);
        var whole = SweepExperiment.RunWhole(temp, file);
        // Given out of order: the merge puts the runs back in the whole run's order.
        var shards = new[] { "3/3", "1/3", "2/3" }.Select(s => RunShard(temp, file, s)).ToArray();
        var merged = temp.Combine("merged");

        Assert.That(MergeCommand.Run(shards, merged), Is.Zero);

        SweepExperiment.AssertSameOutputs(whole, merged);
        Assert.That(SweepExperiment.ComparableFiles(merged), Does.Contain("differences.csv").And.Contain("checks.csv").And.Contain("shares.svg"));
        using var runJson = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(merged, "run.json")));
        var listed = runJson.RootElement.GetProperty("shards").EnumerateArray().ToArray();
        Assert.That(listed.Select(s => s.GetProperty("shard").GetString()), Is.EqualTo(new[] { "3/3", "1/3", "2/3" }));
        Assert.That(listed.Select(s => s.GetProperty("dir").GetString()), Is.EqualTo(shards));
        Assert.That(listed.SelectMany(s => s.GetProperty("runs").EnumerateArray().Select(r => r.GetString())).Order(),
            Is.EqualTo(new[] { "drf seed 5", "drf seed 6", "random seed 5", "random seed 6", "weighted seed 5", "weighted seed 6" }));
        Assert.That(listed[0].GetProperty("provenance").GetProperty("command_line").GetArrayLength(), Is.GreaterThan(0));
        // The runs' digests are the whole run's.
        using var wholeJson = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(whole, "run.json")));
        static string[] Digests(JsonDocument d) => d.RootElement.GetProperty("variants").EnumerateArray()
            .SelectMany(v => v.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("event_digest_sha256").GetString()!)).ToArray();
        Assert.That(Digests(runJson), Is.EqualTo(Digests(wholeJson)));
    }

    [Test]
    public void AShard_WritesTheSameRunFoldersAsAWholeRun_AndOnlyItsOwn()
    {
        using var temp = new TempFolder();
        var file = SweepExperiment.Write(temp);
        var whole = SweepExperiment.RunWhole(temp, file);
        var shard = RunShard(temp, file, "2/4");

        var files = SweepExperiment.ComparableFiles(shard);
        // Plan order drf 5, drf 6, weighted 5, weighted 6, random 5, random 6: shard 2 of 4 holds runs 1 and 5.
        Assert.That(files.Where(f => f != ShardRecord.FileName).Select(f => Path.GetDirectoryName(f)).Distinct(),
            Is.EqualTo(new[] { Path.Combine("runs", "drf", "seed-6"), Path.Combine("runs", "random", "seed-6") }));
        foreach (var f in files.Where(f => f != ShardRecord.FileName))
            Assert.That(File.ReadAllBytes(Path.Combine(shard, f)), Is.EqualTo(File.ReadAllBytes(Path.Combine(whole, f))), f);
    }

    [Test]
    public void OneShardPerRun_MergedAsOneShard_GivesTheWholeRunToo()
    {
        using var temp = new TempFolder();
        var file = SweepExperiment.Write(temp);
        var whole = SweepExperiment.RunWhole(temp, file);
        var shards = Enumerable.Range(1, SweepExperiment.Runs).Select(k => RunShard(temp, file, $"{k}/{SweepExperiment.Runs}")).ToArray();
        var all = RunShard(temp, file, "1/1");

        Assert.That(MergeCommand.Run(shards, temp.Combine("per-run")), Is.Zero);
        Assert.That(MergeCommand.Run([all], temp.Combine("one")), Is.Zero);

        SweepExperiment.AssertSameOutputs(whole, temp.Combine("per-run"));
        SweepExperiment.AssertSameOutputs(whole, temp.Combine("one"));
    }

    [Test]
    public void AMissingRun_IsAnError_NamingItAndItsShard()
    {
        using var temp = new TempFolder();
        var file = SweepExperiment.Write(temp);
        var shards = new[] { RunShard(temp, file, "1/3"), RunShard(temp, file, "3/3") };

        var e = Assert.Throws<SweepException>(() => ShardMerge.Load(shards))!;

        // Shard 2 of 3 holds plan positions 1 and 4: drf seed 6 and random seed 5.
        Assert.That(e.Message, Is.EqualTo("missing 2 of 6 run(s), in no shard given: drf seed 6 (shard 2/3), random seed 5 (shard 2/3)"));
        Assert.That(e.ExitCode, Is.EqualTo(1));
        Assert.That(MergeCommand.Run(shards, temp.Combine("merged")), Is.EqualTo(1));
        Assert.That(Directory.Exists(temp.Combine("merged")), Is.False, "nothing written");
    }

    [Test]
    public void ARunInTwoShards_IsAnError_NamingItAndBothShards()
    {
        using var temp = new TempFolder();
        var file = SweepExperiment.Write(temp);
        // 1/2 holds plan positions 0, 2, 4; 1/3 holds 0 and 3: both have drf seed 5.
        var half = RunShard(temp, file, "1/2");
        var third = RunShard(temp, file, "1/3");

        var e = Assert.Throws<SweepException>(() => ShardMerge.Load([half, third]))!;

        Assert.That(e.Message, Is.EqualTo($"run drf seed 5 is in two shards: {half} and {third}"));
        Assert.That(e.ExitCode, Is.EqualTo(2));
        Assert.That(Assert.Throws<SweepException>(() => ShardMerge.Load([half, half]))!.Message, Is.EqualTo($"{half}: given twice"));
    }

    [Test]
    public void AFolderThatIsNoShard_OrAShardOfAnotherFile_OrAChangedFile_IsAnError()
    {
        using var temp = new TempFolder();
        var file = SweepExperiment.Write(temp);
        var shard = RunShard(temp, file, "1/2");
        Directory.CreateDirectory(temp.Combine("other"));
        var otherFile = temp.Write("other.yaml", SweepExperiment.Yaml.Replace("seed: 5", "seed: 7", StringComparison.Ordinal));
        var other = RunShard(temp, otherFile, "2/2", "other-shard");

        Assert.That(Assert.Throws<SweepException>(() => ShardMerge.Load([shard, temp.Combine("other")]))!.Message,
            Does.StartWith(temp.Combine("other") + ": no shard.json in it"));
        Assert.That(Assert.Throws<SweepException>(() => ShardMerge.Load([shard, temp.Combine("nowhere")]))!.Message,
            Is.EqualTo(temp.Combine("nowhere") + ": no such folder"));
        Assert.That(Assert.Throws<SweepException>(() => ShardMerge.Load([shard, other]))!.Message,
            Does.StartWith(other + ": a shard of another experiment file: " + otherFile));

        File.AppendAllText(file, "# edited\n");
        Assert.That(Assert.Throws<SweepException>(() => ShardMerge.Load([shard]))!.Message,
            Does.StartWith(file + ": changed since the shards ran it"));
    }

    [Test]
    public void ABrokenShardRecord_IsAnError_NamingTheFileAndKey()
    {
        using var temp = new TempFolder();
        var file = SweepExperiment.Write(temp);
        var shard = RunShard(temp, file, "1/6");
        var record = Path.Combine(shard, ShardRecord.FileName);
        var text = File.ReadAllText(record);

        File.WriteAllText(record, text.Replace("\"file_sha256\"", "\"file_sha\"", StringComparison.Ordinal));
        Assert.That(Assert.Throws<SweepException>(() => ShardMerge.Load([shard]))!.Message, Is.EqualTo($"{record}: file_sha256: expected present"));
        File.WriteAllText(record, text[..(text.Length / 2)]);
        Assert.That(Assert.Throws<SweepException>(() => ShardMerge.Load([shard]))!.Message, Does.StartWith(record + ":").And.Contain("not a shard record"));
    }

    [Test]
    public void MergingIntoAShard_IsRefused()
    {
        using var temp = new TempFolder();
        var file = SweepExperiment.Write(temp);
        var shard = RunShard(temp, file, "1/1");
        var merge = ShardMerge.Load([shard]);

        Assert.That(Assert.Throws<SweepException>(() => merge.Write(shard))!.Message, Does.Contain("it holds or lies in the shard"));
        Assert.That(Assert.Throws<SweepException>(() => merge.Write(Path.Combine(shard, "merged")))!.Message, Does.Contain("it holds or lies in the shard"));
        Assert.That(File.Exists(Path.Combine(shard, ShardRecord.FileName)), "the shard is untouched");
    }

    [TestCase("0/3")]
    [TestCase("4/3")]
    [TestCase("1/7")]
    [TestCase("x")]
    public void RunWithABadShard_IsAUsageError(string shard)
    {
        using var temp = new TempFolder();
        var file = SweepExperiment.Write(temp);
        var command = RunCommand.Create();

        int code = command.Parse(["run", file, "--shard", shard, "--out", temp.Combine("out")]).Invoke();

        Assert.That(code, Is.EqualTo(2));
        Assert.That(Directory.Exists(temp.Combine("out")), Is.False);
    }

    [Test]
    public void RunWithAShard_AndLive_IsAUsageError()
    {
        using var temp = new TempFolder();
        var file = SweepExperiment.Write(temp);
        Assert.That(RunCommand.Create().Parse(["run", file, "--shard", "1/2", "--live"]).Invoke(), Is.EqualTo(2));
    }

    [Test]
    public void AShardOfOneVariant_MergesIntoThatVariantsWholeRun()
    {
        using var temp = new TempFolder();
        var file = SweepExperiment.Write(temp);
        var whole = temp.Combine("whole-random");
        Assert.That(RunCommand.Run(file, whole, "random", jobs: 1), Is.Zero);
        var shards = new[] { "1/2", "2/2" }.Select(s =>
        {
            var dir = temp.Combine("random-" + s.Replace('/', '-'));
            Assert.That(ShardCommand.Run(file, s, dir, "random", jobs: 1), Is.Zero);
            return dir;
        }).ToArray();

        Assert.That(MergeCommand.Run(shards, temp.Combine("merged")), Is.Zero);
        SweepExperiment.AssertSameOutputs(whole, temp.Combine("merged"));
        Assert.That(ShardMerge.Load(shards).Variants.Select(v => v.Name), Is.EqualTo(new[] { "random" }));
    }
}
