using ClusterSim.RealAgent.Docker.Models;

namespace ClusterSim.RealAgent.Docker;

internal sealed class ContainerOperations(DockerTransport transport) : IContainerOperations
{
    public Task<ContainerCreateResponse> CreateAsync(ContainerCreateParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var request = new DockerRequest(HttpMethod.Post, "/containers/create", DockerQuery.From(("name", parameters.Name)), Body: parameters);
        return transport.ReadJsonAsync<ContainerCreateResponse>(request, cancellationToken);
    }

    public Task StartAsync(string id, CancellationToken cancellationToken) =>
        transport.SendAsync(AddressedTo(HttpMethod.Post, id, "/start"), cancellationToken);

    public Task<ContainerWaitResponse> WaitAsync(string id, ContainerWaitParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var request = AddressedTo(HttpMethod.Post, id, "/wait", DockerQuery.From(("condition", parameters.Condition))) with { Bounded = false };
        return transport.ReadJsonAsync<ContainerWaitResponse>(request, cancellationToken);
    }

    public Task<ContainerInspectResponse> InspectAsync(string id, CancellationToken cancellationToken) =>
        transport.ReadJsonAsync<ContainerInspectResponse>(AddressedTo(HttpMethod.Get, id, "/json"), cancellationToken);

    public Task KillAsync(string id, ContainerKillParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return transport.SendAsync(AddressedTo(HttpMethod.Post, id, "/kill", DockerQuery.From(("signal", parameters.Signal))), cancellationToken);
    }

    public Task RemoveAsync(string id, ContainerRemoveParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var query = DockerQuery.From(("force", DockerQuery.Bool(parameters.Force)), ("v", DockerQuery.Bool(parameters.RemoveVolumes)));
        return transport.SendAsync(AddressedTo(HttpMethod.Delete, id, "", query), cancellationToken);
    }

    public async Task<IList<ContainerSummary>> ListAsync(ContainersListParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var query = DockerQuery.From(("all", DockerQuery.Bool(parameters.All)), ("filters", DockerQuery.Filters(parameters.Filters)));
        return await transport.ReadJsonAsync<List<ContainerSummary>>(new DockerRequest(HttpMethod.Get, "/containers/json", query), cancellationToken)
            .ConfigureAwait(false);
    }

    public Task<ContainerStatsResponse> GetStatsAsync(string id, ContainerStatsParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var query = DockerQuery.From(("stream", "false"), ("one-shot", DockerQuery.Bool(parameters.OneShot)));
        return transport.ReadJsonAsync<ContainerStatsResponse>(AddressedTo(HttpMethod.Get, id, "/stats", query), cancellationToken);
    }

    private static DockerRequest AddressedTo(HttpMethod method, string id, string action, string query = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return new DockerRequest(method, "/containers/" + Uri.EscapeDataString(id) + action, query, ContainerId: id);
    }
}
