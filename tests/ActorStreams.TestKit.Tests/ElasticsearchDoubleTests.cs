using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Elastic.Transport;

namespace ActorStreams.TestKit.Tests;

/// <summary>
/// The Elasticsearch double driven by the official client, with the cases of the REST API's bulk tests (ids, empty
/// ids, conflicts, per-item errors) and the faults the sink must survive.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ElasticsearchDoubleTests : IAsyncLifetime
{
    private readonly ElasticsearchDouble _node = new();
    private ElasticsearchClient _client = null!;

    public Task InitializeAsync()
    {
        _client = new ElasticsearchClient(new ElasticsearchClientSettings(_node.Url).DisableDirectStreaming());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Bulk_SameIdTwice_IsOneDocumentWithTheLatestSourceAndVersionTwo()
    {
        var first = await BulkAsync(Index("alerts", "t1:HIGH_AMOUNT", new Alert("t1:HIGH_AMOUNT", 2500)));
        var second = await BulkAsync(Index("alerts", "t1:HIGH_AMOUNT", new Alert("t1:HIGH_AMOUNT", 2600)));

        Assert.True(first.IsValidResponse, first.DebugInformation);
        Assert.Equal([201], first.Items.Select(i => i.Status));
        Assert.Equal([200], second.Items.Select(i => i.Status));
        Assert.Equal("updated", second.Items.Single().Result);
        Assert.Equal(1, (await _client.CountAsync<Alert>(c => c.Indices("alerts"))).Count);
        var document = await _client.GetAsync<Alert>("t1:HIGH_AMOUNT", g => g.Index("alerts"));
        Assert.True(document.Found);
        Assert.Equal(2, document.Version);
        Assert.Equal(2600, document.Source!.Amount);
    }

    [Fact]
    public async Task Bulk_EmptyId_FailsThatItemWithIllegalArgumentAndIndexesTheOthers()
    {
        // The client leaves an empty id out of the action, so this one goes as raw NDJSON (the REST API's "Empty _id" case).
        var response = await RawAsync(Elastic.Transport.HttpMethod.POST, "/_bulk",
            """
            {"index":{"_index":"alerts","_id":"a"}}
            {"alert_id":"a","amount":1}
            {"index":{"_index":"alerts","_id":""}}
            {"alert_id":"empty","amount":2}
            {"index":{"_index":"alerts","_id":"b"}}
            {"alert_id":"b","amount":3}

            """);

        var body = System.Text.Json.Nodes.JsonNode.Parse(response.Body)!;
        Assert.True(body["errors"]!.GetValue<bool>());
        var items = body["items"]!.AsArray().Select(i => i!["index"]!).ToList();
        Assert.Equal([201, 400, 201], items.Select(i => i["status"]!.GetValue<int>()));
        Assert.Equal("illegal_argument_exception", items[1]["error"]!["type"]!.GetValue<string>());
        Assert.Equal("if _id is specified it must not be empty", items[1]["error"]!["reason"]!.GetValue<string>());
        Assert.Equal(["a", "b"], _node.Documents("alerts").Keys.Order());
    }

    [Fact]
    public async Task Bulk_WithoutId_GetsAGeneratedOne()
    {
        var response = await BulkAsync(new BulkIndexOperation<Alert>(new Alert("x", 1)) { Index = "alerts" });

        Assert.Equal([201], response.Items.Select(i => i.Status));
        Assert.Equal(response.Items.Single().Id, Assert.Single(_node.Documents("alerts")).Key);
    }

    [Fact]
    public async Task Bulk_CreateOfAnExistingId_ConflictsWith409()
    {
        await BulkAsync(Index("alerts", "a", new Alert("a", 1)));

        var response = await BulkAsync(new BulkCreateOperation<Alert>(new Alert("a", 9)) { Index = "alerts", Id = "a" });

        Assert.True(response.Errors);
        Assert.Equal(409, response.Items.Single().Status);
        Assert.Equal("version_conflict_engine_exception", response.Items.Single().Error!.Type);
        Assert.Contains("\"amount\":1", _node.Documents("alerts")["a"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_InjectedWholeRequestFailures_AnswerTheStatusThenRecover()
    {
        _node.FailNextBulks(429);
        _node.FailNextBulks(503);

        var throttled = await BulkAsync(Index("alerts", "a", new Alert("a", 1)));
        var unavailable = await BulkAsync(Index("alerts", "a", new Alert("a", 1)));
        var accepted = await BulkAsync(Index("alerts", "a", new Alert("a", 1)));

        Assert.Equal(429, throttled.ApiCallDetails.HttpStatusCode);
        Assert.Equal(503, unavailable.ApiCallDetails.HttpStatusCode);
        Assert.False(throttled.IsValidResponse);
        Assert.True(accepted.IsValidResponse, accepted.DebugInformation);
        Assert.Equal(3, _node.BulkRequests);
        Assert.Single(_node.Documents("alerts"));
    }

    [Fact]
    public async Task Bulk_InjectedItemRejections_FailOnlyTheChosenItems()
    {
        _node.RejectItems((_, id) => id == "b" ? new ItemRejection(429, "es_rejected_execution_exception", "queue full") : null);

        var response = await BulkAsync(Index("alerts", "a", new Alert("a", 1)), Index("alerts", "b", new Alert("b", 2)));

        Assert.True(response.Errors);
        Assert.Equal([201, 429], response.Items.Select(i => i.Status));
        Assert.Equal("es_rejected_execution_exception", response.Items.Last().Error!.Type);
        _node.RejectItems(null);
        Assert.Equal([201], (await BulkAsync(Index("alerts", "b", new Alert("b", 2)))).Items.Select(i => i.Status));
    }

    [Fact]
    public async Task Get_MissingDocument_IsNotFound()
    {
        var response = await _client.GetAsync<Alert>("nope", g => g.Index("alerts"));

        Assert.False(response.Found);
        Assert.Equal(404, response.ApiCallDetails.HttpStatusCode);
    }

    [Fact]
    public async Task IndexTemplate_PutThenExistsAndGet_MissingOneIs404_NoPatternsIsRefused()
    {
        var put = await RawAsync(Elastic.Transport.HttpMethod.PUT, "/_index_template/alerts",
            """{"index_patterns":["alerts*"],"template":{"mappings":{"properties":{"alert_id":{"type":"keyword"}}}}}""");
        var refused = await RawAsync(Elastic.Transport.HttpMethod.PUT, "/_index_template/broken", """{"template":{}}""");
        var exists = await _client.Indices.ExistsIndexTemplateAsync("alerts");
        var missing = await _client.Indices.ExistsIndexTemplateAsync("other");
        var get = await RawAsync(Elastic.Transport.HttpMethod.GET, "/_index_template/alerts", null);

        Assert.Equal(200, put.ApiCallDetails.HttpStatusCode);
        Assert.Contains("\"acknowledged\":true", put.Body, StringComparison.Ordinal);
        Assert.Equal(400, refused.ApiCallDetails.HttpStatusCode);
        Assert.Contains("action_request_validation_exception", refused.Body, StringComparison.Ordinal);
        Assert.True(exists.Exists);
        Assert.False(missing.Exists);
        Assert.Contains("\"alert_id\":{\"type\":\"keyword\"}", get.Body, StringComparison.Ordinal);
        Assert.Equal(["alerts"], _node.TemplateNames);
    }

    [Fact]
    public async Task Delay_SlowsEveryAnswer()
    {
        _node.Delay = TimeSpan.FromMilliseconds(300);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var response = await BulkAsync(Index("alerts", "a", new Alert("a", 1)));

        Assert.True(response.IsValidResponse);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290), $"answered after {clock.Elapsed}");
    }

    private static BulkIndexOperation<Alert> Index(string index, string id, Alert alert) => new(alert) { Index = index, Id = id };

    private Task<BulkResponse> BulkAsync(params IBulkOperation[] operations) =>
        _client.BulkAsync(new BulkRequest { Operations = [.. operations] });

    private Task<StringResponse> RawAsync(Elastic.Transport.HttpMethod method, string path, string? body) =>
        _client.Transport.RequestAsync<StringResponse>(new EndpointPath(method, path), body is null ? null : PostData.String(body), null, null, default);

    public sealed record Alert(string AlertId, decimal Amount);
}
