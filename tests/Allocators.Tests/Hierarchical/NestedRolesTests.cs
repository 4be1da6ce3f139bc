using ClusterSim.Allocators.Hierarchical;
using ClusterSim.Allocators.Policy;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Timing;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Tests.Hierarchical;

public class NestedRolesTests
{
    private HierarchicalAllocator _allocator = null!;
    private int _frameworks;

    [SetUp]
    public void SetUp()
    {
        _allocator = new HierarchicalAllocator(new SimLoop(), new AllocationOptions(), PolicyObjects.Drf(), 1);
        _frameworks = 0;
    }

    private FrameworkId Framework(string role)
    {
        var id = new FrameworkId(_frameworks++);
        _allocator.AddFramework(id, new FrameworkInfo("f" + id.Value, role));
        return id;
    }

    private Dictionary<FrameworkId, int> Grants(int agents)
    {
        for (int i = 0; i < agents; i++) _allocator.AddAgent(new AgentId(i), AgentInfo.Of("a" + i, "cpus:1;mem:1024"));
        var grants = new List<Grant>();
        _allocator.Allocate(null, grants);
        return grants.GroupBy(g => g.Framework).ToDictionary(g => g.Key, g => g.Count());
    }

    [Test]
    public void Siblings_AreSortedByTheirSubtreesShares_LevelByLevel()
    {
        // sorter.cpp: a DFS of the role tree, each node's children sorted by share.
        var fe = Framework("eng/frontend");
        var be = Framework("eng/backend");
        var op = Framework("ops");
        var grants = Grants(4);
        Assert.That((grants[fe], grants[be], grants[op]), Is.EqualTo((1, 1, 2)));
        Assert.That(_allocator.RoleShare("eng"), Is.EqualTo(0.5));
        Assert.That(_allocator.RoleShare("eng/backend"), Is.EqualTo(0.25));
    }

    [Test]
    public void Weights_ApplyAtEachLevel()
    {
        var fe = Framework("eng/frontend");
        var be = Framework("eng/backend");
        var op = Framework("ops");
        _allocator.UpdateWeight("eng", 3);
        _allocator.UpdateWeight("eng/frontend", 2);
        var grants = Grants(8);
        Assert.That(grants[op], Is.EqualTo(2), "eng weighted 3 against ops");
        Assert.That((grants[fe], grants[be]), Is.EqualTo((4, 2)), "frontend weighted 2 inside eng");
    }

    [Test]
    public void A_RolesOwnFrameworks_CompeteWithTheRolesNestedInIt()
    {
        // sorter.cpp: a role with frameworks and nested roles keeps its own as a virtual leaf ".".
        var e = Framework("eng");
        var fe = Framework("eng/frontend");
        var op = Framework("ops");
        var grants = Grants(4);
        Assert.That((grants[e], grants[fe], grants[op]), Is.EqualTo((1, 1, 2)));
    }

    [Test]
    public void A_RoleGainingNestedRoles_KeepsWhatItsFrameworksHold()
    {
        var e = Framework("eng");
        _allocator.AddAgent(new AgentId(0), AgentInfo.Of("a0", "cpus:1;mem:1024"));
        var grants = new List<Grant>();
        _allocator.Allocate(null, grants);
        var fe = Framework("eng/frontend");
        var op = Framework("ops");
        for (int i = 1; i < 4; i++) _allocator.AddAgent(new AgentId(i), AgentInfo.Of("a" + i, "cpus:1;mem:1024"));
        grants.Clear();
        _allocator.Allocate(null, grants);
        Assert.That(grants.Count(g => g.Framework == op), Is.EqualTo(2), "eng already holds a quarter");
        Assert.That(grants.Count(g => g.Framework == fe), Is.EqualTo(1));
        _allocator.Recover(e, new AgentId(0), R.Parse("cpus:1;mem:1024"), Duration.Zero);
        Assert.That(_allocator.RoleShare("eng"), Is.EqualTo(0.25));
    }

    [Test]
    public void Quota_IsForTopLevelRolesOnly()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            _allocator.SetQuota("eng/frontend", PartsFixtures.QuotaOf("cpus:1")));
        Assert.That(e!.Message, Does.Contain("top-level"));
    }

    [TestCase("eng/frontend", null)]
    [TestCase("*", null)]
    [TestCase("/eng", "cannot start with a slash")]
    [TestCase("eng/", "cannot end with a slash")]
    [TestCase("eng//x", "two adjacent slashes")]
    [TestCase("eng/../x", "'..'")]
    [TestCase("eng/*", "'*'")]
    [TestCase("eng/-x", "dash")]
    [TestCase("my role", "whitespace")]
    [TestCase("", "empty")]
    public void Role_Names_AreValidatedAsMesosDoes(string role, string? problem)
    {
        // src/common/roles.cpp, roles::validate.
        if (problem == null) Assert.That(RoleNames.Problem(role), Is.Null);
        else Assert.That(RoleNames.Problem(role), Does.Contain(problem));
    }

    [Test]
    public void An_InvalidRolePath_IsATopLevelRole_AndNeverFailsARegistration()
    {
        var odd = Framework("eng//x");
        var grants = Grants(1);
        Assert.That(grants.Keys, Is.EqualTo(new[] { odd }));
        Assert.That(_allocator.RoleShare("eng"), Is.Zero, "no role eng was made");
    }

    [Test]
    public void Reservations_ToAnAncestor_AreOfferedToItsDescendants_AndReturnToTheAncestor()
    {
        // resources.cpp, isAllocatableTo; hierarchical_allocator_tests.cpp, OfferAncestorReservationsToDescendantChild.
        var abc = Framework("a/b/c");
        _allocator.AddAgent(new AgentId(0), AgentInfo.Of("a0", "cpus:2;mem:1024;cpus(a/b):4;mem(a/b):2048"));
        var grants = new List<Grant>();
        _allocator.Allocate(null, grants);
        Assert.That(grants, Has.Count.EqualTo(1));
        Assert.That(grants[0].Resources, Is.EqualTo(R.Parse("cpus:6;mem:3072")));
        Assert.That(grants[0].Reserved, Is.EqualTo(R.Parse("cpus:4;mem:2048")));
        Assert.That(grants[0].Inherited, Is.EqualTo(R.Parse("cpus:4;mem:2048")));
        Assert.That(_allocator.QuotaConsumption("a"), Is.EqualTo(R.Parse("cpus:6;mem:3072")));
        // The framework leaves: a/b's reservation is free again, and a framework of a/b/c's sibling may have it.
        var sibling = Framework("a/b/d");
        _allocator.RemoveFramework(abc);
        grants.Clear();
        _allocator.Allocate(null, grants);
        Assert.That(grants.Single().Framework, Is.EqualTo(sibling));
        Assert.That(grants.Single().Reserved, Is.EqualTo(R.Parse("cpus:4;mem:2048")));
        Assert.That(_allocator.ReservedOn(new AgentId(0), "a/b"), Is.EqualTo(R.Parse("cpus:4;mem:2048")));
    }

    [Test]
    public void A_Parent_IsNotOffered_ItsDescendantsReservations()
    {
        var parent = Framework("a");
        _allocator.AddAgent(new AgentId(0), AgentInfo.Of("a0", "cpus(a/b):1;mem(a/b):512"));
        var grants = new List<Grant>();
        _allocator.Allocate(null, grants);
        Assert.That(grants, Is.Empty);
        var child = Framework("a/b");
        _allocator.Allocate(null, grants);
        Assert.That(grants.Single().Framework, Is.EqualTo(child));
        Assert.That(grants.Single().Inherited, Is.EqualTo(R.Empty));
        Assert.That(parent, Is.Not.EqualTo(child));
    }
}
