using System.Net;
using ClusterSim.RealAgent.Docker;

namespace ClusterSim.RealAgent.Tests.Docker;

public sealed class DockerApiExceptionTests
{
    private static readonly DockerRequest Create = new(HttpMethod.Post, "/containers/create");
    private static readonly DockerRequest Inspect = new(HttpMethod.Get, "/containers/c1/json", ContainerId: "c1");

    [Test]
    public void FromResponse_404NoSuchImage_ImageNotFound()
    {
        var error = DockerApiException.FromResponse(HttpStatusCode.NotFound, "No such image: x:1", Create);

        Assert.That(error, Is.InstanceOf<DockerImageNotFoundException>());
        Assert.That(error.Message, Is.EqualTo("POST /containers/create: Docker daemon answered 404 (NotFound): No such image: x:1"));
    }

    [Test]
    public void FromResponse_404OnContainerRequest_ContainerNotFoundNamingIt()
    {
        var error = DockerApiException.FromResponse(HttpStatusCode.NotFound, "No such container: c1", Inspect);

        Assert.That(error, Is.InstanceOf<DockerContainerNotFoundException>());
        Assert.That(((DockerContainerNotFoundException)error).ContainerId, Is.EqualTo("c1"));
    }

    [Test]
    public void FromResponse_409_Conflict()
    {
        Assert.That(DockerApiException.FromResponse(HttpStatusCode.Conflict, "is not running", Inspect), Is.InstanceOf<DockerConflictException>());
    }

    [Test]
    public void FromResponse_500_PlainApiExceptionWithStatusAndMessage()
    {
        var error = DockerApiException.FromResponse(HttpStatusCode.InternalServerError, "boom", Create);

        Assert.That(error.GetType(), Is.EqualTo(typeof(DockerApiException)));
        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(error.DaemonMessage, Is.EqualTo("boom"));
    }
}
