using ClusterSim.Core.Resources;

namespace ClusterSim.Allocators.Sorting;

/// <summary>
/// The policy seam, after Mesos's Sorter: it only answers "in what order should these clients get
/// resources". Clients are roles (in the role sorter) or one role's frameworks; the allocator tells the sorter
/// what each client was allocated and the cluster total, and asks for the order.
/// </summary>
public interface ISorter
{
    /// <summary>Adds a client; returns its handle. Names are unique and break ties.</summary>
    int Add(string name, double weight = 1.0);

    void Remove(int client);

    void UpdateWeight(int client, double weight);

    /// <summary>Resources offered to the client (one grant).</summary>
    void Allocated(int client, Resources resources);

    /// <summary>Resources the client gave back (declined, unused, task ended, agent lost).</summary>
    void Unallocated(int client, Resources resources);

    /// <summary>The cluster total shares are measured against.</summary>
    void SetTotal(Resources total);

    /// <summary>Clients in the order they should be offered resources now. The list is the sorter's own and
    /// is valid until the sorter is next changed.</summary>
    IReadOnlyList<int> Sort();
}
