using ClusterSim.Allocators.Hierarchical;
using static ClusterSim.Allocators.Tests.Hierarchical.PartsFixtures;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Tests.Hierarchical;

public class ReservationBookTests
{
    [Test]
    public void An_Agents_Reservations_CountForTheirRole_AndOnlyUnreservedIsFreeHeadroom()
    {
        var book = new ReservationBook();
        var ml = Role("ml");
        var agent = Agent(0, "cpus:4;mem:4096;cpus(ml):2;mem(ml):2048");
        book.AgentAdded(agent, _ => ml);
        Assert.That(ml.ReservedTotal, Is.EqualTo(R.Parse("cpus:2;mem:2048")));
        Assert.That(book.FreeUnreserved, Is.EqualTo(R.Parse("cpus:4;mem:4096")));
        book.AgentRemoved(agent, new Dictionary<string, RoleSlot> { ["ml"] = ml });
        Assert.That(ml.ReservedTotal, Is.EqualTo(R.Empty));
        Assert.That(book.FreeUnreserved, Is.EqualTo(R.Empty));
    }

    [Test]
    public void Reserving_FreeResources_MovesThemBetweenPools_AndBack()
    {
        var book = new ReservationBook();
        var db = Role("db");
        var agent = Agent(0);
        book.AgentAdded(agent, _ => db);
        Assert.That(book.Move(agent, db, R.Parse("cpus:1;mem:1024"), null, reserve: true), Is.True);
        Assert.That(agent.FreeUnreserved, Is.EqualTo(R.Parse("cpus:3;mem:3072")));
        Assert.That(agent.FreeReservedFor("db"), Is.EqualTo(R.Parse("cpus:1;mem:1024")));
        Assert.That(book.FreeUnreserved, Is.EqualTo(R.Parse("cpus:3;mem:3072")));
        Assert.That(db.Consumption, Is.EqualTo(R.Parse("cpus:1;mem:1024")), "a reservation counts against quota");
        Assert.That(book.Move(agent, db, R.Parse("cpus:2"), null, reserve: false), Is.False, "not that much is reserved");
        Assert.That(book.Move(agent, db, R.Parse("cpus:1;mem:1024"), null, reserve: false), Is.True);
        Assert.That(agent.FreeUnreserved, Is.EqualTo(R.Parse("cpus:4;mem:4096")));
        Assert.That(db.Consumption, Is.EqualTo(R.Empty));
    }

    [Test]
    public void A_GrantAndItsReturn_MoveTheFreePools_AndTheRolesUnreservedAllocation()
    {
        var book = new ReservationBook();
        var db = Role("db");
        var agent = Agent(0, "cpus:4;mem:4096;cpus(db):1");
        book.AgentAdded(agent, _ => db);
        var fw = Framework(0, db);
        Assert.That(book.Take(agent, db, fw, R.Parse("cpus:3;mem:1024"), R.Parse("cpus:1")), Is.EqualTo(R.Empty));
        Assert.That(agent.FreeUnreserved, Is.EqualTo(R.Parse("cpus:2;mem:3072")));
        Assert.That(agent.FreeReservedFor("db"), Is.EqualTo(R.Empty));
        Assert.That(db.Consumption, Is.EqualTo(R.Parse("cpus:3;mem:1024")));
        book.Return(agent, db, fw, R.Parse("cpus:3;mem:1024"), R.Parse("cpus:1"), R.Parse("cpus:1"));
        Assert.That(agent.FreeUnreserved, Is.EqualTo(R.Parse("cpus:4;mem:4096")));
        Assert.That(db.Consumption, Is.EqualTo(R.Parse("cpus:1")));
    }

    [Test]
    public void A_NestedRole_TakesItsOwnReservationFirst_ThenItsAncestors_AndReturnsThemInTheSameOrder()
    {
        // Resources::isAllocatableTo: a/b may be offered what is reserved to a/b, to a, or unreserved.
        var book = new ReservationBook();
        var a = Role("a");
        var ab = Role("a/b", parent: a);
        var agent = Agent(0, "cpus:1;cpus(a):2;cpus(a/b):1");
        book.AgentAdded(agent, name => name == "a" ? a : ab);
        var fw = Framework(0, ab);
        Assert.That(agent.FreeReservedAllocatableTo(ab), Is.EqualTo(R.Parse("cpus:3")));
        Assert.That(agent.FreeReservedAllocatableTo(a), Is.EqualTo(R.Parse("cpus:2")), "a parent is not offered its children's");
        var inherited = book.Take(agent, ab, fw, R.Parse("cpus:4"), R.Parse("cpus:3"));
        Assert.That(inherited, Is.EqualTo(R.Parse("cpus:2")));
        Assert.That(agent.FreeReserved, Is.Empty);
        Assert.That(a.Consumption, Is.EqualTo(R.Parse("cpus:2")), "a's reservation stays a's, allocated or not");
        Assert.That(ab.Consumption, Is.EqualTo(R.Parse("cpus:2")), "its own reservation and the unreserved cpu");
        // A task keeps cpus:2 reserved: the own reservation comes back first, then one of a's.
        book.Return(agent, ab, fw, R.Parse("cpus:2"), R.Parse("cpus:1"), heldReserved: R.Parse("cpus:3"));
        Assert.That(agent.FreeReservedFor("a/b"), Is.EqualTo(R.Parse("cpus:1")));
        Assert.That(agent.FreeReservedFor("a"), Is.EqualTo(R.Empty));
        Assert.That(agent.FreeUnreserved, Is.EqualTo(R.Parse("cpus:1")));
        book.Return(agent, ab, fw, R.Parse("cpus:2"), R.Parse("cpus:2"), heldReserved: R.Parse("cpus:2"));
        Assert.That(agent.FreeReservedFor("a"), Is.EqualTo(R.Parse("cpus:2")));
        Assert.That(agent.InheritedBy(0), Is.EqualTo(R.Empty));
    }

    [Test]
    public void A_Framework_CannotUnreserve_AnAncestorsReservationItHolds()
    {
        var book = new ReservationBook();
        var a = Role("a");
        var ab = Role("a/b", parent: a);
        var agent = Agent(0, "cpus(a):2");
        book.AgentAdded(agent, _ => a);
        var fw = Framework(0, ab);
        book.Take(agent, ab, fw, R.Parse("cpus:2"), R.Parse("cpus:2"));
        agent.ByFramework.Set(0, new Holding(R.Parse("cpus:2"), R.Parse("cpus:2")));
        Assert.That(book.Move(agent, ab, R.Parse("cpus:1"), fw, reserve: false), Is.False);
        Assert.That(a.ReservedTotal, Is.EqualTo(R.Parse("cpus:2")));
    }
}
