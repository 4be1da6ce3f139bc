using System.Text.Json;

namespace ClusterSim.Experiments.Tests.Cli;

/// <summary>The runtime settings the program is built with, which its measured speed depends on (README "Performance").</summary>
public class RuntimeSettingsTests
{
    private static JsonElement Properties()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "clustersim.runtimeconfig.json");
        using var file = JsonDocument.Parse(File.ReadAllText(path));
        return file.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    [Test]
    public void IdleThreadPoolWorkers_SleepInsteadOfSpinning()
    {
        Assert.That(Properties().GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32(), Is.Zero);
    }

    [Test]
    public void TheCollector_IsTheNonConcurrentServerOne_WithTwoUnpinnedHeaps_ThatKeepsItsMemoryAndCompactsToSaveIt()
    {
        var properties = Properties();
        Assert.Multiple(() =>
        {
            Assert.That(properties.GetProperty("System.GC.Server").GetBoolean(), Is.True);
            Assert.That(properties.GetProperty("System.GC.HeapCount").GetInt32(), Is.EqualTo(2));
            Assert.That(properties.GetProperty("System.GC.NoAffinitize").GetBoolean(), Is.True);
            Assert.That(properties.GetProperty("System.GC.ConserveMemory").GetInt32(), Is.EqualTo(7));
            Assert.That(properties.GetProperty("System.GC.Concurrent").GetBoolean(), Is.False);
            Assert.That(properties.GetProperty("System.GC.RetainVM").GetBoolean(), Is.True);
        });
    }
}
