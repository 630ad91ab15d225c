using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorStreams.Node.Dashboard;

/// <summary>
/// The live dashboard (docs/admin-api.md): <c>GET /</c> is the page (one HTML file with its script and styles, no
/// external resources), <c>GET /dashboard/snapshot</c> the current data, <c>GET /dashboard/stream</c> the same data as
/// server-sent events, one a second.
/// </summary>
internal sealed class DashboardEndpoints(DashboardFeed feed, CancellationToken serverStopping)
{
    private static readonly Lazy<byte[]> Page = new(() =>
    {
        using var stream = typeof(DashboardEndpoints).Assembly.GetManifestResourceStream("ActorStreams.Node.Dashboard.dashboard.html")
            ?? throw new InvalidOperationException("the dashboard page is not embedded in ActorStreams.Node");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    private static readonly byte[] EventPrefix = "event: snapshot\ndata: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", PageAsync);
        routes.MapGet("/dashboard/snapshot", SnapshotAsync);
        routes.MapGet("/dashboard/stream", StreamAsync);
    }

    private static Task PageAsync(HttpContext context)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["Content-Security-Policy"] = "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:";
        return context.Response.Body.WriteAsync(Page.Value, context.RequestAborted).AsTask();
    }

    private Task SnapshotAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.Body.WriteAsync(feed.Current, context.RequestAborted).AsTask();
    }

    private async Task StreamAsync(HttpContext context)
    {
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, serverStopping);
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        var json = feed.Current;
        try
        {
            while (true)
            {
                // One event per snapshot; a client that falls behind skips to the newest instead of queueing.
                await context.Response.Body.WriteAsync(EventPrefix, ended.Token).ConfigureAwait(false);
                await context.Response.Body.WriteAsync(json, ended.Token).ConfigureAwait(false);
                await context.Response.Body.WriteAsync(EventEnd, ended.Token).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(ended.Token).ConfigureAwait(false);
                json = await feed.NextAsync(ended.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ended.IsCancellationRequested)
        {
            // The page closed, or the node is stopping.
        }
    }
}
