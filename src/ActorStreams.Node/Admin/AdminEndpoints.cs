using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;
using ActorStreams.Cluster.Membership;
using ActorStreams.Cluster.Partitions;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Entities;
using ActorStreams.Kafka.Partitioning;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorStreams.Node.Admin;

/// <summary>The admin API's endpoints (docs/admin-api.md), answered from the node's partitions, Kafka consumer and membership view.</summary>
internal sealed class AdminEndpoints(ActorStreamsNode node, AdminClient client, CancellationToken serverStopping)
{
    /// <summary>How long a cluster-scope query waits for each member.</summary>
    public static readonly TimeSpan FanOutTimeout = TimeSpan.FromSeconds(3);

    /// <summary>How long the partition owning an entity may take to describe it (through the shard region, from any node).</summary>
    public static readonly TimeSpan EntityTimeout = TimeSpan.FromSeconds(4);

    /// <summary>How long the job scheduler (a cluster singleton, on any node) may take to answer.</summary>
    public static readonly TimeSpan JobsTimeout = TimeSpan.FromSeconds(4);

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
        routes.MapGet("/api/jobs", JobsAsync);
        routes.MapFallback(context => ErrorAsync(context, StatusCodes.Status404NotFound, $"no such endpoint: {context.Request.Method} {context.Request.Path}"));
    }

    private Task HealthAsync(HttpContext context)
    {
        var status = node.Faulted.IsFaulted ? "faulted" : node.IsStopping ? "stopping" : node.IsStarted ? "up" : "starting";
        return WriteAsync(context, status == "up" ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, new HealthResponse(status, node.NodeId), AdminJsonContext.Api.HealthResponse);
    }

    private Task ClusterAsync(HttpContext context)
    {
        var now = node.Time.GetUtcNow();
        var members = node.Membership.Members.Select(m => new MemberResponse(
            m.NodeId,
            m.Info?.HttpAddress ?? "",
            m.Status,
            m.Info?.CustomerPartitions ?? [],
            m.Info?.Partitions ?? 0,
            m.Info?.Entities ?? 0,
            m.Info?.Lag ?? 0,
            m.Info?.StartedAt,
            m.Info is { } info ? Math.Round(Math.Max(0, (now - info.StartedAt).TotalSeconds), 1) : null,
            m.LastHeard,
            m.Info?.Version ?? "",
            m.AkkaAddress)).ToList();
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
            case AnalyticsKinds.Customer:
                partitions = node.CustomerPartitions;
                if (!long.TryParse(id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var customerId))
                {
                    await ErrorAsync(context, StatusCodes.Status404NotFound, $"customer \"{id}\" not found: customer ids are integers").ConfigureAwait(false);
                    return;
                }

                // The Kafka key's form, which decides the partition.
                id = customerId.ToString(CultureInfo.InvariantCulture);
                break;
            case AnalyticsKinds.Merchant:
                partitions = node.MerchantPartitions;
                break;
            case AnalyticsKinds.Loan:
                partitions = node.LoanPartitions;
                if (!Domain.Loans.LoanWindowKeys.IsEntity(id))
                {
                    await ErrorAsync(context, StatusCodes.Status404NotFound, $"loan entity \"{id}\" not found: loan entity ids are device:<device_id>, channel:<channel> or segment:<segment>").ConfigureAwait(false);
                    return;
                }

                break;
            default:
                await ErrorAsync(context, StatusCodes.Status400BadRequest, $"unknown entity kind \"{kind}\": expected {AnalyticsKinds.Customer}, {AnalyticsKinds.Merchant} or {AnalyticsKinds.Loan}").ConfigureAwait(false);
                return;
        }

        var partition = Murmur2Partitioner.Partition(id, partitions);
        object answer;
        try
        {
            var region = ClusterSharding.Get(node.System).ShardRegion(kind);
            answer = await region.Ask<object>(
                new GetEntity(PartitionEntityIds.Consumer(partition), PartitionEntityIds.ForRecord(id, partition, partitions)),
                EntityTimeout,
                context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AskTimeoutException or TaskCanceledException)
        {
            await ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, $"{kind} partition {partition} did not answer within {EntityTimeout.TotalSeconds:0} s (its partition may be moving); retry").ConfigureAwait(false);
            return;
        }

        switch (answer)
        {
            case EntityFound found:
                using (var state = JsonDocument.Parse(found.StateJson))
                {
                    var body = new EntityResponse(found.Kind, found.Id, found.Partition, found.Owner, found.InMemory, state.RootElement);
                    await WriteAsync(context, StatusCodes.Status200OK, body, AdminJsonContext.Api.EntityResponse).ConfigureAwait(false);
                }

                break;
            case EntityNotFound missing:
                await ErrorAsync(context, StatusCodes.Status404NotFound, $"{missing.Kind} \"{missing.Id}\" not found: never seen (not in memory, not in the store of partition {missing.Partition} on {missing.Owner})").ConfigureAwait(false);
                break;
            default:
                await ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, $"{kind} partition {partition} answered {answer.GetType().Name}").ConfigureAwait(false);
                break;
        }
    }

    private async Task JobsAsync(HttpContext context)
    {
        Jobs.JobHistory? history;
        try
        {
            history = await node.JobHistoryAsync(JobsTimeout, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AskTimeoutException or TaskCanceledException)
        {
            await ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, $"the job scheduler did not answer within {JobsTimeout.TotalSeconds:0} s (it may be moving to another node); retry").ConfigureAwait(false);
            return;
        }

        if (history is null)
        {
            await WriteAsync(context, StatusCodes.Status200OK, new JobsResponse(false, null, [], []), AdminJsonContext.Api.JobsResponse).ConfigureAwait(false);
            return;
        }

        var runs = history.Runs.Select(r => new JobRunResponse(
            r.Job, r.ScheduledFor, r.StartedAt, r.FinishedAt, Math.Round((r.FinishedAt - r.StartedAt).TotalSeconds, 3), r.Node, r.Outcome, r.Summary, r.Error)).ToList();
        var jobs = Warehouse.Jobs.JobNames.All.Select(job => new JobStatusResponse(
            job,
            history.NextRuns.TryGetValue(job, out var next) ? next : null,
            history.Running.Contains(job),
            runs.FirstOrDefault(r => r.Job == job))).ToList();
        await WriteAsync(context, StatusCodes.Status200OK, new JobsResponse(true, history.Node, jobs, runs), AdminJsonContext.Api.JobsResponse).ConfigureAwait(false);
    }

    private async Task LeaveAsync(HttpContext context)
    {
        if (Refusal(context) is { } refusal)
        {
            await ErrorAsync(context, refusal.Status, refusal.Message).ConfigureAwait(false);
            return;
        }

        var target = (string)context.Request.RouteValues["nodeId"]!;
        if (target == node.NodeId)
        {
            node.RequestLeave();
            await WriteAsync(context, StatusCodes.Status202Accepted, new LeaveResponse(node.NodeId, "leaving"), AdminJsonContext.Api.LeaveResponse).ConfigureAwait(false);
            return;
        }

        var member = node.Membership.Find(target);
        if (member is null)
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, $"no member \"{target}\" in the cluster").ConfigureAwait(false);
            return;
        }

        // Akka's leave: the member hands its partitions off and stops by itself (CoordinatedShutdown).
        Akka.Cluster.Cluster.Get(node.System).Leave(Address.Parse(member.AkkaAddress));
        await WriteAsync(context, StatusCodes.Status202Accepted, new LeaveResponse(target, "leaving"), AdminJsonContext.Api.LeaveResponse).ConfigureAwait(false);
    }

    /// <summary>
    /// Why a mutating request is refused, or null: with <c>actorstreams.http.admin-token</c> set it needs
    /// <c>Authorization: Bearer &lt;token&gt;</c>; without one it is allowed only while the API listens on a loopback address.
    /// </summary>
    private (int Status, string Message)? Refusal(HttpContext context)
    {
        var settings = node.Settings;
        if (settings.AdminToken.Length == 0)
        {
            return settings.BindsLoopback
                ? null
                : (StatusCodes.Status403Forbidden,
                    $"the admin API listens on {settings.HttpBind}, beyond this host: set actorstreams.http.admin-token (ACTORSTREAMS__HTTP__ADMIN_TOKEN) to allow {context.Request.Method} {context.Request.Path}");
        }

        var header = context.Request.Headers.Authorization.ToString();
        const string Bearer = "Bearer ";
        var given = header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) ? header[Bearer.Length..].Trim() : string.Empty;
        var matches = System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(settings.AdminToken));
        if (matches)
        {
            return null;
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        return (StatusCodes.Status401Unauthorized,
            $"{context.Request.Method} {context.Request.Path} needs the admin token: Authorization: Bearer <actorstreams.http.admin-token>{(given.Length > 0 ? " (the one given is wrong)" : string.Empty)}");
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

    /// <summary>The sharded type whose consumer reads <paramref name="topic"/>.</summary>
    private string KindOf(string topic) =>
        topic == node.Kafka.Topics.RepartitionMerchant ? AnalyticsKinds.Merchant
        : topic == node.Kafka.Topics.RepartitionLoans ? AnalyticsKinds.Loan
        : AnalyticsKinds.Customer;

    private Task<ShardsResponse> LocalShardsAsync(CancellationToken cancellationToken)
    {
        var lag = node.Lag()
            .GroupBy(l => (Kind: KindOf(l.Partition.Topic), l.Partition.Partition))
            .ToDictionary(g => g.Key, g => g.Sum(l => l.Lag));
        var shards = node.Partitions.Running.Select(s => new ShardResponse(
            s.Kind, s.Partition, node.NodeId, (int)s.ActiveEntities, s.Sequence, s.LastCheckpointAt,
            new SortedDictionary<string, long>(s.NextOffsets, StringComparer.Ordinal), s.InFlight, lag.GetValueOrDefault((s.Kind, s.Partition))));
        return Task.FromResult(new ShardsResponse([.. shards], []));
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
        var remote = others.Select(m => m.Info is { HttpAddress.Length: > 0 } info && m.Status != "unreachable"
            ? client.GetAsync(info.HttpAddress, path, type, FanOutTimeout, cancellationToken)
            : Task.FromResult<(T?, string?)>((null, "unreachable"))).ToList();
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

    private static bool IsLocalScope(HttpContext context) =>
        context.Request.Query.TryGetValue("scope", out var scope) && string.Equals(scope.ToString(), "local", StringComparison.OrdinalIgnoreCase);

    private static Task ErrorAsync(HttpContext context, int status, string message) =>
        WriteAsync(context, status, new ErrorResponse(message), AdminJsonContext.Api.ErrorResponse);

    private static async Task WriteAsync<T>(HttpContext context, int status, T body, JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, body, type, context.RequestAborted).ConfigureAwait(false);
    }
}
