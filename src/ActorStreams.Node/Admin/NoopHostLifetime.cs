using Microsoft.Extensions.Hosting;

namespace ActorStreams.Node.Admin;

/// <summary>
/// The admin server's host lifetime: none. The default console lifetime would take SIGINT/SIGTERM for itself; the node's
/// host (the CLI) handles signals and stops the node, which stops the server.
/// </summary>
internal sealed class NoopHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
