using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;
using ActorStreams.Cluster.Membership;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Entities;
using ActorStreams.Kafka.Partitioning;
using ActorStreams.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorStreams.Node.Admin;

/// <summary>The admin API's endpoints (docs/admin-api.md), answered from the node's region, source and membership view.</summary>
internal sealed class AdminEndpoints(ActorStreamsNode node, AdminClient client, CancellationToken serverStopping)
{
    /// <summary>How long a cluster-scope query waits for each member.</summary>
    public static readonly TimeSpan FanOutTimeout = TimeSpan.FromSeconds(3);

    /// <summary>How long a forwarded entity query or leave request waits for its target.</summary>
    public static readonly TimeSpan ForwardTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long the owning shard may take to describe an entity (it may read the store).</summary>
    public static readonly TimeSpan EntityTimeout = TimeSpan.FromSeconds(4);

    /// <summary>How long the local shards may take to describe themselves.</summary>
    public static readonly TimeSpan ShardsTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Period of the <c>: keep-alive</c> comment of the event stream.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    private static readonly byte[] KeepAliveComment = ": keep-alive\n\n"u8.ToArray();

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", HealthAsync);
        routes.MapGet("/api/cluster", ClusterAsync);
        routes.MapGet("/api/shards", ShardsAsync);
        routes.MapGet("/api/entities/{kind}/{id}", EntityAsync);
        routes.MapGet("/api/lag", LagAsync);
        routes.MapPost("/api/cluster/leave/{nodeId}", LeaveAsync);
        routes.MapGet("/api/events", EventsAsync);
        routes.MapFallback(context => ErrorAsync(context, StatusCodes.Status404NotFound, $"no such endpoint: {context.Request.Method} {context.Request.Path}"));
    }

    private Task HealthAsync(HttpContext context)
    {
        var status = node.Faulted.IsFaulted ? "faulted" : node.IsStopping ? "stopping" : "up";
        return WriteAsync(context, status == "up" ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, new HealthResponse(status, node.NodeId), AdminJsonContext.Api.HealthResponse);
    }

    private Task ClusterAsync(HttpContext context)
    {
        var now = node.Time.GetUtcNow();
        var members = node.Membership.Members.Select(m => new MemberResponse(
            m.NodeId,
            m.Address,
            StatusName(m.Status),
            m.Record.PartitionsOf(EntityShards.Customer),
            m.Record.Partitions.Values.Sum(p => p.Count),
            m.Record.Entities.Values.Sum(),
            m.Record.Lag,
            m.Record.StartedAt,
            Math.Round(Math.Max(0, (now - m.Record.StartedAt).TotalSeconds), 1),
            m.LastHeartbeat,
            m.Record.Version)).ToList();
        var body = new ClusterResponse(node.Cluster.GroupId, node.NodeId, ActorStreamsNode.Version, members.Count, members);
        return WriteAsync(context, StatusCodes.Status200OK, body, AdminJsonContext.Api.ClusterResponse);
    }

    private async Task ShardsAsync(HttpContext context)
    {
        if (IsLocalScope(context))
        {
            var local = await LocalShardsAsync(context.RequestAborted).ConfigureAwait(false);
            await WriteAsync(context, StatusCodes.Status200OK, local, AdminJsonContext.Api.ShardsResponse).ConfigureAwait(false);
            return;
        }

        var (answers, unreachable) = await FanOutAsync("/api/shards?scope=local", AdminJsonContext.Api.ShardsResponse, LocalShardsAsync, context.RequestAborted).ConfigureAwait(false);
        var shards = answers.SelectMany(a => a.Shards)
            .OrderBy(s => s.Kind, StringComparer.Ordinal).ThenBy(s => s.Partition).ThenBy(s => s.Owner, StringComparer.Ordinal)
            .ToList();
        await WriteAsync(context, StatusCodes.Status200OK, new ShardsResponse(shards, unreachable), AdminJsonContext.Api.ShardsResponse).ConfigureAwait(false);
    }

    private async Task LagAsync(HttpContext context)
    {
        if (IsLocalScope(context))
        {
            await WriteAsync(context, StatusCodes.Status200OK, LocalLag(), AdminJsonContext.Api.LagResponse).ConfigureAwait(false);
            return;
        }

        var (answers, unreachable) = await FanOutAsync("/api/lag?scope=local", AdminJsonContext.Api.LagResponse, _ => Task.FromResult(LocalLag()), context.RequestAborted).ConfigureAwait(false);
        var partitions = answers.SelectMany(a => a.Partitions)
            .OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition).ThenBy(p => p.Owner, StringComparer.Ordinal)
            .ToList();
        var body = new LagResponse(partitions, partitions.Sum(p => p.Lag), unreachable);
        await WriteAsync(context, StatusCodes.Status200OK, body, AdminJsonContext.Api.LagResponse).ConfigureAwait(false);
    }

    private async Task EntityAsync(HttpContext context)
    {
        var kind = (string)context.Request.RouteValues["kind"]!;
        var id = (string)context.Request.RouteValues["id"]!;
        int partitions;
        switch (kind)
        {
            case EntityShards.Customer:
                partitions = node.CustomerPartitions;
                if (!long.TryParse(id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var customerId))
                {
                    await ErrorAsync(context, StatusCodes.Status404NotFound, $"customer \"{id}\" not found: customer ids are integers").ConfigureAwait(false);
                    return;
                }

                // The Kafka key's form, which decides the partition.
                id = customerId.ToString(CultureInfo.InvariantCulture);
                break;
            case EntityShards.Merchant:
                partitions = node.MerchantPartitions;
                break;
            default:
                await ErrorAsync(context, StatusCodes.Status400BadRequest, $"unknown entity kind \"{kind}\": expected {EntityShards.Customer} or {EntityShards.Merchant}").ConfigureAwait(false);
                return;
        }

        var partition = Murmur2Partitioner.Partition(id, partitions);
        var shard = new ShardKey(kind, partition);
        if (node.Region.ShardRef(shard) is not null)
        {
            await LocalEntityAsync(context, shard, id).ConfigureAwait(false);
            return;
        }

        if (IsForwarded(context))
        {
            await ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, $"{node.NodeId} does not own {kind} partition {partition} (its partitions are moving); retry").ConfigureAwait(false);
            return;
        }

        var owner = node.Membership.OwnerOf(kind, partition);
        if (owner is null || owner.NodeId == node.NodeId)
        {
            await ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, $"the owner of {kind} partition {partition} is unknown (no member lists it yet); retry").ConfigureAwait(false);
            return;
        }

        if (owner.Status == MemberStatus.Unreachable)
        {
            await ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, $"the owner of {kind} partition {partition}, {owner.NodeId} at {owner.Address}, is unreachable").ConfigureAwait(false);
            return;
        }

        await ForwardAsync(context, HttpMethod.Get, owner, $"/api/entities/{Uri.EscapeDataString(kind)}/{Uri.EscapeDataString(id)}").ConfigureAwait(false);
    }

    private async Task LocalEntityAsync(HttpContext context, ShardKey shard, string id)
    {
        EntityView? view;
        try
        {
            view = await node.Region.GetEntityAsync(shard, id, EntityTimeout, context.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            await ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, $"{node.NodeId} just handed {shard.Kind} partition {shard.Partition} off; retry").ConfigureAwait(false);
            return;
        }
        catch (TimeoutException)
        {
            await ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, $"{shard.Kind} partition {shard.Partition} on {node.NodeId} did not answer within {EntityTimeout.TotalSeconds:0} s").ConfigureAwait(false);
            return;
        }

        if (view is null)
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, $"{shard.Kind} \"{id}\" not found: never seen (not in memory, not in the store)").ConfigureAwait(false);
            return;
        }

        using var state = JsonDocument.Parse(view.StateJson);
        var body = new EntityResponse(view.Kind, view.Id, view.Partition, node.NodeId, view.InMemory, state.RootElement);
        await WriteAsync(context, StatusCodes.Status200OK, body, AdminJsonContext.Api.EntityResponse).ConfigureAwait(false);
    }

    private async Task LeaveAsync(HttpContext context)
    {
        var target = (string)context.Request.RouteValues["nodeId"]!;
        if (target == node.NodeId)
        {
            node.RequestLeave();
            await WriteAsync(context, StatusCodes.Status202Accepted, new LeaveResponse(node.NodeId, "leaving"), AdminJsonContext.Api.LeaveResponse).ConfigureAwait(false);
            return;
        }

        var member = IsForwarded(context) ? null : node.Membership.Find(target);
        if (member is null)
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, $"no member \"{target}\" in cluster {node.Cluster.GroupId}").ConfigureAwait(false);
            return;
        }

        await ForwardAsync(context, HttpMethod.Post, member, $"/api/cluster/leave/{Uri.EscapeDataString(target)}").ConfigureAwait(false);
    }

    private async Task EventsAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        using var subscription = node.Events.Subscribe();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, serverStopping);
        var token = stop.Token;
        try
        {
            await response.Body.FlushAsync(token).ConfigureAwait(false);
            var reader = subscription.Reader;
            while (true)
            {
                bool more;
                using (var tick = new CancellationTokenSource(KeepAlive, node.Time))
                using (var wait = CancellationTokenSource.CreateLinkedTokenSource(token, tick.Token))
                {
                    try
                    {
                        more = await reader.WaitToReadAsync(wait.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (tick.IsCancellationRequested && !token.IsCancellationRequested)
                    {
                        await response.Body.WriteAsync(KeepAliveComment, token).ConfigureAwait(false);
                        await response.Body.FlushAsync(token).ConfigureAwait(false);
                        continue;
                    }
                }

                if (!more)
                {
                    return;
                }

                await WriteQueuedAsync(reader, response, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The client went away, or the node stops: then it still gets the events of the stop published so far.
            if (!context.RequestAborted.IsCancellationRequested)
            {
                await WriteQueuedAsync(subscription.Reader, response, context.RequestAborted).ConfigureAwait(false);
            }
        }
    }

    private static async Task WriteQueuedAsync(ChannelReader<ClusterEvent> reader, HttpResponse response, CancellationToken cancellationToken)
    {
        while (reader.TryRead(out var clusterEvent))
        {
            var frame = Encoding.UTF8.GetBytes($"event: {clusterEvent.Type}\ndata: {Encoding.UTF8.GetString(clusterEvent.ToJsonUtf8())}\n\n");
            await response.Body.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        }

        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<ShardsResponse> LocalShardsAsync(CancellationToken cancellationToken)
    {
        var lag = node.Lag()
            .GroupBy(l => (Kind: node.Region.KindOfTopic(l.Partition.Topic), l.Partition.Partition))
            .ToDictionary(g => g.Key, g => g.Sum(l => l.Lag));
        var shards = await node.Region.GetShardsAsync(ShardsTimeout, cancellationToken).ConfigureAwait(false);
        return new ShardsResponse(
            [.. shards.Select(s => new ShardResponse(
                s.Kind, s.Partition, node.NodeId, s.ActiveEntities, s.CheckpointSequence, s.LastCheckpointAt, s.NextOffsets, s.InFlight,
                lag.GetValueOrDefault((s.Kind, s.Partition))))],
            []);
    }

    private LagResponse LocalLag()
    {
        var partitions = node.Lag()
            .Select(l => new PartitionLagResponse(l.Partition.Topic, l.Partition.Partition, node.NodeId, l.Position, l.Completed, l.EndOffset, l.Lag))
            .OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition)
            .ToList();
        return new LagResponse(partitions, partitions.Sum(p => p.Lag), []);
    }

    /// <summary>
    /// Asks every member (this node directly, the others over HTTP with <see cref="FanOutTimeout"/>) and returns the
    /// answers and the members that did not answer.
    /// </summary>
    private async Task<(List<T> Answers, List<string> Unreachable)> FanOutAsync<T>(
        string path, JsonTypeInfo<T> type, Func<CancellationToken, Task<T>> local, CancellationToken cancellationToken)
        where T : class
    {
        var others = node.Membership.Members.Where(m => m.NodeId != node.NodeId).ToList();
        var localAnswer = local(cancellationToken);
        var remote = others.Select(m => client.GetAsync(m.Address, path, type, FanOutTimeout, cancellationToken)).ToList();
        var answers = new List<T> { await localAnswer.ConfigureAwait(false) };
        var unreachable = new List<string>();
        for (var i = 0; i < others.Count; i++)
        {
            var (body, _) = await remote[i].ConfigureAwait(false);
            if (body is null)
            {
                unreachable.Add(others[i].NodeId);
            }
            else
            {
                answers.Add(body);
            }
        }

        return (answers, unreachable);
    }

    private async Task ForwardAsync(HttpContext context, HttpMethod method, Member target, string path)
    {
        AdminClient.Answer answer;
        try
        {
            answer = await client.SendAsync(method, target.Address, path, ForwardTimeout, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            await ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, $"{target.NodeId} at {target.Address} did not answer: {ex.Message}").ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = (int)answer.Status;
        context.Response.ContentType = answer.ContentType ?? "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static bool IsLocalScope(HttpContext context) =>
        context.Request.Query.TryGetValue("scope", out var scope) && string.Equals(scope.ToString(), "local", StringComparison.OrdinalIgnoreCase);

    private static bool IsForwarded(HttpContext context) => context.Request.Headers.ContainsKey(AdminClient.ForwardedHeader);

    private static string StatusName(MemberStatus status) => status switch
    {
        MemberStatus.Leaving => "leaving",
        MemberStatus.Unreachable => "unreachable",
        _ => "up",
    };

    private static Task ErrorAsync(HttpContext context, int status, string message) =>
        WriteAsync(context, status, new ErrorResponse(message), AdminJsonContext.Api.ErrorResponse);

    private static async Task WriteAsync<T>(HttpContext context, int status, T body, JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, body, type, context.RequestAborted).ConfigureAwait(false);
    }
}
