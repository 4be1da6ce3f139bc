using System.Text.RegularExpressions;

namespace ClusterSim.RealAgent.Scheduler;

/// <summary>
/// A task status's Mesos reason (mesos.proto TaskStatus.Reason) and source (TaskStatus.Source). The simulator's
/// one status text (<see cref="Core.Tasks.StatusUpdate.Reason"/>) carries the reason as its prefix, e.g.
/// <see cref="Core.Oversubscription.RevocableResources.PreemptedReason"/>
/// (<c>REASON_CONTAINER_PREEMPTED: Container preempted by QoS correction</c>), from the agent through the master
/// unchanged; the scheduler API splits it back into the fields Mesos's v1 API has, and
/// <see cref="HttpSchedulerDriver"/> joins them again.
/// </summary>
public static partial class StatusReason
{
    /// <summary>The source Mesos gives a status with this reason: an eviction is decided and reported by the
    /// agent (src/slave/slave.cpp, <c>_qosCorrections</c>, whose updates come from the agent: SOURCE_SLAVE).</summary>
    private static readonly Dictionary<string, string> Sources = new(StringComparer.Ordinal)
    {
        ["REASON_CONTAINER_PREEMPTED"] = "SOURCE_SLAVE",
    };

    /// <summary>The reason named at the start of <paramref name="message"/> (<c>REASON_X: text</c>) and, when
    /// known, its source; false for a message without one.</summary>
    public static bool TryParse(string? message, out string reason, out string? source)
    {
        reason = "";
        source = null;
        if (message == null) return false;
        var match = Prefix().Match(message);
        if (!match.Success) return false;
        reason = match.Groups[1].Value;
        source = Sources.GetValueOrDefault(reason);
        return true;
    }

    /// <summary>The simulator's status text for an UPDATE's <c>message</c> and <c>reason</c>: the message as
    /// it is when it already names the reason, else prefixed with it.</summary>
    public static string? Join(string? message, string? reason)
    {
        if (string.IsNullOrEmpty(reason)) return message;
        if (message == null) return reason;
        return TryParse(message, out var named, out _) && named == reason ? message : $"{reason}: {message}";
    }

    [GeneratedRegex("^(REASON_[A-Z0-9_]+):")]
    private static partial Regex Prefix();
}
