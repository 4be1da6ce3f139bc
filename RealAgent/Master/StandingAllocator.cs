using ClusterSim.Allocators;
using ClusterSim.Allocators.Oversubscription;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Loop;

namespace ClusterSim.RealAgent.Master;

/// <summary>
/// The allocator a standing master (<c>clustersim master</c>) runs: the policy's, wrapped in a
/// <see cref="RevocableAllocator"/> with <c>--oversubscription</c> (Mesos's master offers revocable resources
/// whenever agents report some, src/master/master.cpp updateSlave; here the operator opts in), so agents'
/// oversubscribed totals (POST /api/agents/{name}/oversubscribed) reach frameworks with REVOCABLE_RESOURCES.
/// </summary>
public static class StandingAllocator
{
    public static IAllocator Create(ILoop loop, AllocationOptions options, AllocationPolicy policy, bool oversubscription)
    {
        var allocator = AllocationPolicies.Create(loop, options, policy, 1);
        return oversubscription ? new RevocableAllocator(allocator, loop) : allocator;
    }
}
