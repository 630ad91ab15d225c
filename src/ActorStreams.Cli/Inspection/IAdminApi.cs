using System.Text.Json;

namespace ActorStreams.Cli.Inspection;

/// <summary>The client of one node's admin API (docs/admin-api.md); a seam so rendering is tested with canned answers.</summary>
internal interface IAdminApi : IDisposable
{
    /// <summary>The node this client talks to.</summary>
    NodeAddress Address { get; }

    /// <summary>Sends <c>GET path</c> and returns the JSON body.</summary>
    /// <exception cref="AdminApiException">The node is unreachable or answered with an error status.</exception>
    Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken);

    /// <summary>Sends <c>POST path</c> and returns the JSON body, or null when the answer has none.</summary>
    /// <exception cref="AdminApiException">The node is unreachable or answered with an error status.</exception>
    Task<JsonElement?> PostAsync(string path, CancellationToken cancellationToken);

    /// <summary>Opens the server-sent event stream of <c>path</c>; the caller reads it until it ends and disposes it.</summary>
    /// <exception cref="AdminApiException">The node is unreachable or answered with an error status.</exception>
    Task<Stream> OpenStreamAsync(string path, CancellationToken cancellationToken);
}
