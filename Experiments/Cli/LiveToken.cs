using ClusterSim.RealAgent.Security;

namespace ClusterSim.Experiments.Cli;

/// <summary>Reads --token-file for the live commands, saying on stderr what is wrong with it.</summary>
internal static class LiveToken
{
    public static BearerToken? Read(FileInfo? file)
    {
        if (file == null)
        {
            Console.Error.WriteLine("error: expected --principal NAME with --secret-file F, or --token-file F (one secret the master and the agents share)");
            return null;
        }
        try
        {
            return BearerToken.FromFile(file.FullName);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("error: --token-file: " + e.Message);
            return null;
        }
    }
}
