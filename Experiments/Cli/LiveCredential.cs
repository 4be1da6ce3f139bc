namespace ClusterSim.Experiments.Cli;

/// <summary>Reads --principal and --secret-file for the live commands, saying on stderr what is wrong.
/// The secret is never printed.</summary>
internal static class LiveCredential
{
    /// <summary>(principal, secret), or null after printing the problem; <paramref name="present"/> says
    /// whether either option was given at all.</summary>
    public static (string Principal, string Secret)? Read(string? principal, FileInfo? secretFile, out bool present)
    {
        present = principal != null || secretFile != null;
        if (!present) return null;
        if (string.IsNullOrWhiteSpace(principal) || principal.Contains(':'))
        {
            Console.Error.WriteLine("error: --principal: expected a principal name without ':' (given with --secret-file)");
            return null;
        }
        if (secretFile == null)
        {
            Console.Error.WriteLine($"error: --secret-file: expected a file holding the secret of principal '{principal}'");
            return null;
        }
        try
        {
            var secret = File.ReadAllLines(secretFile.FullName).FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "";
            if (secret.Length == 0)
            {
                Console.Error.WriteLine($"error: --secret-file: {secretFile.FullName} is empty; expected the secret on its first line");
                return null;
            }
            return (principal, secret);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: --secret-file: {e.Message}");
            return null;
        }
    }
}
