using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using ClusterSim.RealAgent.Docker.Models;

namespace ClusterSim.RealAgent.Docker;

internal sealed class EventOperations(DockerTransport transport) : IEventOperations
{
    public async IAsyncEnumerable<EventMessage> MonitorAsync(
        EventsParameters parameters, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var query = DockerQuery.From(
            ("since", UnixSeconds(parameters.Since)),
            ("until", UnixSeconds(parameters.Until)),
            ("filters", DockerQuery.Filters(parameters.Filters)));
        using var response = await transport.OpenStreamAsync(new DockerRequest(HttpMethod.Get, "/events", query), cancellationToken)
            .ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);

        // The daemon writes one JSON object per line and flushes after each, so a line is a whole event.
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            yield return JsonSerializer.Deserialize<EventMessage>(line, DockerJson.Options)
                ?? throw new JsonException($"GET /events: the Docker daemon sent an event that is JSON null: '{line}'.");
        }
    }

    /// <summary>Docker takes since/until as Unix seconds, with a fraction for sub-second precision.</summary>
    private static string? UnixSeconds(DateTimeOffset? time) => time is { } t
        ? (t.ToUnixTimeMilliseconds() / 1000m).ToString("0.000", CultureInfo.InvariantCulture)
        : null;
}
