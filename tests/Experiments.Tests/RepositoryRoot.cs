namespace ClusterSim.Experiments.Tests;

/// <summary>Finds the repository (the folder holding ClusterSim.sln) from the test's output folder.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir != null && !File.Exists(System.IO.Path.Combine(dir.FullName, "ClusterSim.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ClusterSim.sln not found above the test folder");
    }
}
