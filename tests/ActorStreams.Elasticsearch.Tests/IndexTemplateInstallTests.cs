using System.Text.Json.Nodes;
using ActorStreams.TestKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStreams.Elasticsearch.Tests;

/// <summary>Installing the index templates of schemas/elasticsearch/ at start, against the protocol double.</summary>
[Trait("Category", "Unit")]
public sealed class IndexTemplateInstallTests : IAsyncLifetime
{
    private readonly ElasticsearchDouble _es = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _es.DisposeAsync();

    [Fact]
    public void Shipped_OneTemplatePerDefaultOutput()
    {
        Assert.Equal(ElasticsearchSettings.Default.Outputs.Keys.Order(StringComparer.Ordinal), IndexTemplates.Shipped);
    }

    [Fact]
    public async Task Start_InstallsEveryMissingTemplate_WithItsConfiguredIndexAsThePattern()
    {
        var outputs = new Dictionary<string, OutputIndex>(ElasticsearchSettings.Default.Outputs) { ["fraud-alerts"] = new("alerts-eu", "alert_id") };
        await using var indexer = Indexer(outputs);
        await indexer.StartAsync();

        Assert.Equal(
            ElasticsearchSettings.Default.Outputs.Keys.Select(output => "actorstreams-" + output).Order(StringComparer.Ordinal),
            _es.TemplateNames.Order(StringComparer.Ordinal));
        Assert.Contains("actorstreams-loan-channels", _es.TemplateNames);
        Assert.Contains("actorstreams-funnel-metrics", _es.TemplateNames);
        Assert.Contains("actorstreams-churn-segments", _es.TemplateNames);
        var fraud = JsonNode.Parse(_es.Template("actorstreams-fraud-alerts")!)!;
        Assert.Equal("alerts-eu", Assert.Single(fraud["index_patterns"]!.AsArray())!.GetValue<string>());
        Assert.Equal("geo_point", fraud["template"]!["mappings"]!["properties"]!["location"]!["type"]!.GetValue<string>());
        var activity = JsonNode.Parse(_es.Template("actorstreams-enriched-activity")!)!;
        Assert.Equal("customer_activity_dashboard", activity["index_patterns"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_TemplateAlreadyThere_IsLeftAsItIs()
    {
        using (var client = new HttpClient())
        {
            var put = await client.PutAsync(new Uri(_es.Url, "/_index_template/actorstreams-merchant-metrics"),
                new StringContent("""{"index_patterns":["merchant-metrics"],"priority":7}""", System.Text.Encoding.UTF8, "application/json"));
            put.EnsureSuccessStatusCode();
        }

        await using var indexer = Indexer(ElasticsearchSettings.Default.Outputs);
        await indexer.StartAsync();

        Assert.Equal(7, JsonNode.Parse(_es.Template("actorstreams-merchant-metrics")!)!["priority"]!.GetValue<int>());
        Assert.Equal(ElasticsearchSettings.Default.Outputs.Count, _es.TemplateNames.Count);
    }

    [Fact]
    public async Task Start_TemplateRejected_FailsWithTheTemplateAndTheClustersError()
    {
        _es.RejectTemplates(name => name == "actorstreams-churn-alerts"
            ? new ItemRejection(400, "mapper_parsing_exception", "No handler for type [geo_shape_x] declared on field [score]")
            : null);
        await using var indexer = Indexer(ElasticsearchSettings.Default.Outputs);

        var error = await Assert.ThrowsAsync<ElasticsearchSinkException>(() => indexer.StartAsync());
        Assert.Contains("rejected index template actorstreams-churn-alerts", error.Message, StringComparison.Ordinal);
        Assert.Contains("schemas/elasticsearch/churn-alerts.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("400 mapper_parsing_exception: No handler for type [geo_shape_x]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ClusterUnreachable_FailsNamingTheUrl()
    {
        var settings = ElasticsearchSettings.Default with { Url = new Uri("http://127.0.0.1:1"), RequestTimeout = TimeSpan.FromSeconds(5) };
        await using var indexer = new ElasticsearchIndexer(settings, _ => { }, (_, _, _) => Task.CompletedTask, NullLogger.Instance);

        var error = await Assert.ThrowsAsync<ElasticsearchSinkException>(() => indexer.StartAsync());
        Assert.Contains("http://127.0.0.1:1", error.Message, StringComparison.Ordinal);
    }

    private ElasticsearchIndexer Indexer(IReadOnlyDictionary<string, OutputIndex> outputs) =>
        new(ElasticsearchSettings.Default with { Url = _es.Url, Outputs = outputs }, _ => { }, (_, _, _) => Task.CompletedTask, NullLogger.Instance);
}
