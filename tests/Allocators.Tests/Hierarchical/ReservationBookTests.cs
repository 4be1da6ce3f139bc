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
        book.Take(agent, db, R.Parse("cpus:3;mem:1024"), R.Parse("cpus:1"));
        Assert.That(agent.FreeUnreserved, Is.EqualTo(R.Parse("cpus:2;mem:3072")));
        Assert.That(agent.FreeReservedFor("db"), Is.EqualTo(R.Empty));
        Assert.That(db.Consumption, Is.EqualTo(R.Parse("cpus:3;mem:1024")));
        book.Return(agent, db, R.Parse("cpus:3;mem:1024"), R.Parse("cpus:1"));
        Assert.That(agent.FreeUnreserved, Is.EqualTo(R.Parse("cpus:4;mem:4096")));
        Assert.That(db.Consumption, Is.EqualTo(R.Parse("cpus:1")));
    }
}
