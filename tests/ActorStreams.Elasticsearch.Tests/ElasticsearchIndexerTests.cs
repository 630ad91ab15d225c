using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using ActorStreams.TestKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStreams.Elasticsearch.Tests;

/// <summary>The node's bulk indexer, through the official client, against the Elasticsearch protocol double.</summary>
[Trait("Category", "Unit")]
public sealed class ElasticsearchIndexerTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly ElasticsearchDouble _es = new();
    private readonly ConcurrentQueue<(IndexDocument Document, string Error)> _deadLetters = new();
    private readonly List<ElasticsearchIndexer> _indexers = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var indexer in _indexers)
        {
            await indexer.DisposeAsync();
        }

        await _es.DisposeAsync();
    }

    [Fact]
    public async Task SameAlertIndexedTwice_IsOneDocument()
    {
        var indexer = await StartAsync(Settings() with { FlushInterval = TimeSpan.FromMilliseconds(50) });
        var first = new Ack();
        var second = new Ack();
        Assert.True(indexer.TryIndex(Alert("t-1:HIGH_AMOUNT", 2500.5m, first)));
        await first.Task.WaitAsync(Timeout);
        Assert.True(indexer.TryIndex(Alert("t-1:HIGH_AMOUNT", 2500.5m, second)));
        await second.Task.WaitAsync(Timeout);

        var documents = _es.Documents("fraud-alerts");
        Assert.Equal(["t-1:HIGH_AMOUNT"], documents.Keys);
        Assert.Equal(2500.5m, JsonNode.Parse(documents["t-1:HIGH_AMOUNT"])!["amount"]!.GetValue<decimal>());
        Assert.Equal(2, indexer.Metrics.Indexed);
    }

    [Fact]
    public async Task Batches_CloseAtTheirCount()
    {
        var indexer = Create(Settings() with { BatchSize = 10, FlushInterval = TimeSpan.FromHours(1), MaxBufferedDocuments = 100 });
        var acks = Enumerable.Range(0, 30).Select(_ => new Ack()).ToList();
        for (var i = 0; i < acks.Count; i++)
        {
            Assert.True(indexer.TryIndex(Alert($"t-{i}:HIGH_AMOUNT", 2001m, acks[i])));
        }

        // Started after the documents are buffered: three full batches, none waiting for the (hour-long) interval.
        await indexer.StartAsync();
        await Task.WhenAll(acks.Select(a => a.Task)).WaitAsync(Timeout);
        Assert.Equal(3, _es.BulkRequests);
        Assert.Equal(30, _es.Documents("fraud-alerts").Count);
    }

    [Fact]
    public async Task MetricsBuffered_DocumentsTakenAndNotIndexedYet_AreCountedUntilIndexed()
    {
        var indexer = Create(Settings() with { BatchSize = 4, FlushInterval = TimeSpan.FromHours(1) });
        var acks = Enumerable.Range(0, 4).Select(_ => new Ack()).ToList();
        for (var i = 0; i < acks.Count; i++)
        {
            Assert.True(indexer.TryIndex(Alert($"t-{i}:HIGH_AMOUNT", 2001m, acks[i])));
        }

        // Not started yet: all four wait in the buffer.
        Assert.Equal(4, indexer.Metrics.Buffered);

        await indexer.StartAsync();
        await Task.WhenAll(acks.Select(a => a.Task)).WaitAsync(Timeout);
        await Eventually.Until(() => indexer.Metrics.Buffered == 0, Timeout, "the indexed documents leave the buffer");
        Assert.Equal(4, indexer.Metrics.Indexed);
        Assert.Equal(0, indexer.Metrics.Failed);
    }

    [Fact]
    public async Task Batches_CloseAtTheirBytes()
    {
        var size = Alert("t-0:HIGH_AMOUNT", 2001m, null).Body.Length;
        var indexer = Create(Settings() with { BatchBytes = size * 4, FlushInterval = TimeSpan.FromHours(1), MaxBufferedDocuments = 100 });
        var acks = Enumerable.Range(0, 12).Select(_ => new Ack()).ToList();
        for (var i = 0; i < acks.Count; i++)
        {
            Assert.True(indexer.TryIndex(Alert($"t-{i}:HIGH_AMOUNT", 2001m, acks[i])));
        }

        await indexer.StartAsync();
        await Task.WhenAll(acks.Select(a => a.Task)).WaitAsync(Timeout);
        Assert.Equal(3, _es.BulkRequests);
    }

    [Fact]
    public async Task Batches_CloseAtTheFlushIntervalAfterTheirFirstDocument()
    {
        var indexer = await StartAsync(Settings() with { BatchSize = 1_000, FlushInterval = TimeSpan.FromMilliseconds(300) });
        var acks = Enumerable.Range(0, 3).Select(_ => new Ack()).ToList();
        for (var i = 0; i < acks.Count; i++)
        {
            Assert.True(indexer.TryIndex(Alert($"t-{i}:HIGH_AMOUNT", 2001m, acks[i])));
        }

        await Task.WhenAll(acks.Select(a => a.Task)).WaitAsync(Timeout);
        Assert.Equal(1, _es.BulkRequests);
        Assert.Equal(3, _es.Documents("fraud-alerts").Count);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    [InlineData(500)]
    public async Task RequestRefusedAsAWhole_IsRetriedUntilItSucceeds(int status)
    {
        _es.FailNextBulks(status, times: 3);
        var indexer = await StartAsync(Settings() with { FlushInterval = TimeSpan.FromMilliseconds(20) });
        var ack = new Ack();
        Assert.True(indexer.TryIndex(Alert("t-1:HIGH_AMOUNT", 2001m, ack)));

        await ack.Task.WaitAsync(Timeout);
        Assert.Equal(4, _es.BulkRequests);
        Assert.Equal(3, indexer.Metrics.Retries);
        Assert.Single(_es.Documents("fraud-alerts"));
        Assert.Empty(_deadLetters);
    }

    [Fact]
    public async Task ItemFailures_RetriableOnesAreRetried_OthersGoToDeadLetterWithTheItemsError()
    {
        var busy = 2;
        _es.RejectItems((_, id) => id switch
        {
            "t-bad:HIGH_AMOUNT" => new ItemRejection(400, "mapper_parsing_exception", "failed to parse field [amount] of type [double]"),
            "t-busy:HIGH_AMOUNT" when Interlocked.Decrement(ref busy) >= 0 => new ItemRejection(429, "es_rejected_execution_exception", "rejected execution of coordinating operation"),
            _ => null,
        });
        var indexer = await StartAsync(Settings() with { FlushInterval = TimeSpan.FromMilliseconds(100) });
        var acks = new[] { new Ack(), new Ack(), new Ack() };
        indexer.TryIndex(Alert("t-ok:HIGH_AMOUNT", 2001m, acks[0]));
        indexer.TryIndex(Alert("t-bad:HIGH_AMOUNT", 2001m, acks[1]));
        indexer.TryIndex(Alert("t-busy:HIGH_AMOUNT", 2001m, acks[2]));

        await Task.WhenAll(acks.Select(a => a.Task)).WaitAsync(Timeout);
        Assert.Equal(["t-busy:HIGH_AMOUNT", "t-ok:HIGH_AMOUNT"], _es.Documents("fraud-alerts").Keys.Order(StringComparer.Ordinal));
        var (document, error) = Assert.Single(_deadLetters);
        Assert.Equal("t-bad:HIGH_AMOUNT", document.Id);
        Assert.Contains("400 mapper_parsing_exception: failed to parse field [amount]", error, StringComparison.Ordinal);
        Assert.Equal(1, indexer.Metrics.Failed);
        Assert.Equal(2, indexer.Metrics.Retries);
        Assert.Equal(3, _es.BulkRequests);
    }

    [Fact]
    public async Task RetriedDocument_FollowedByANewerVersionOfItsId_LeavesTheNewerVersion()
    {
        var rejectedOnce = 0;
        _es.RejectItems((_, id) => id == "t-1:HIGH_AMOUNT" && Interlocked.Exchange(ref rejectedOnce, 1) == 0
            ? new ItemRejection(503, "unavailable_shards_exception", "primary shard is not active")
            : null);
        var indexer = Create(Settings() with { FlushInterval = TimeSpan.FromHours(1), BatchSize = 2 });
        var acks = new[] { new Ack(), new Ack() };
        indexer.TryIndex(Alert("t-1:HIGH_AMOUNT", 2001m, acks[0]));
        indexer.TryIndex(Alert("t-1:HIGH_AMOUNT", 3002m, acks[1]));
        await indexer.StartAsync();

        await Task.WhenAll(acks.Select(a => a.Task)).WaitAsync(Timeout);
        Assert.Equal(3002m, JsonNode.Parse(_es.Documents("fraud-alerts")["t-1:HIGH_AMOUNT"])!["amount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task SlowCluster_FullBufferRefusesUntilThereIsRoom_AndNothingIsLost()
    {
        _es.Delay = TimeSpan.FromMilliseconds(200);
        var indexer = await StartAsync(Settings() with { BatchSize = 5, MaxBufferedDocuments = 10, FlushInterval = TimeSpan.FromMilliseconds(20) });
        var acks = new List<Ack>();
        var refusals = 0;
        var maxDepth = 0L;
        for (var i = 0; i < 60; i++)
        {
            var ack = new Ack();
            var document = Alert($"t-{i}:HIGH_AMOUNT", 2001m, ack);
            while (!indexer.TryIndex(document))
            {
                refusals++;
                await indexer.WhenRoomAsync().WaitAsync(Timeout);
            }

            maxDepth = Math.Max(maxDepth, indexer.Metrics.Buffered);
            acks.Add(ack);
        }

        await Task.WhenAll(acks.Select(a => a.Task)).WaitAsync(Timeout);
        Assert.True(refusals > 0, "the buffer never filled");
        Assert.True(maxDepth <= 10, $"the buffer held {maxDepth} documents, more than its 10");
        Assert.Equal(60, _es.Documents("fraud-alerts").Count);
        Assert.Equal(0, indexer.Metrics.Buffered);
    }

    [Fact]
    public async Task RecordWithoutItsIdField_GoesToDeadLetterWithTheReason()
    {
        var indexer = await StartAsync(Settings() with { FlushInterval = TimeSpan.FromMilliseconds(20) });
        var ack = new Ack();
        indexer.TryIndex(new IndexDocument("fraud-alerts", string.Empty, "{}"u8.ToArray(), "fraud-alerts", null, ack, "cannot index into fraud-alerts: the record has no \"alert_id\" field"));

        await ack.Task.WaitAsync(Timeout);
        Assert.Contains("no \"alert_id\" field", Assert.Single(_deadLetters).Error, StringComparison.Ordinal);
        Assert.Equal(0, _es.BulkRequests);
    }

    [Fact]
    public void Backoff_DoublesFromTheInitialStepUpToTheMaximum_WithJitterOfHalfAStep()
    {
        var settings = Settings() with { InitialBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromSeconds(1) };
        Assert.Equal(TimeSpan.FromMilliseconds(100), ElasticsearchIndexer.Backoff(settings, 0, 1.0));
        Assert.Equal(TimeSpan.FromMilliseconds(50), ElasticsearchIndexer.Backoff(settings, 0, 0.0));
        Assert.Equal(TimeSpan.FromMilliseconds(400), ElasticsearchIndexer.Backoff(settings, 2, 1.0));
        Assert.Equal(TimeSpan.FromSeconds(1), ElasticsearchIndexer.Backoff(settings, 10, 1.0));
        Assert.Equal(TimeSpan.FromSeconds(1), ElasticsearchIndexer.Backoff(settings, 1_000, 1.0));
    }

    private ElasticsearchSettings Settings() => ElasticsearchSettings.Default with
    {
        Url = _es.Url,
        InitialBackoff = TimeSpan.FromMilliseconds(10),
        MaxBackoff = TimeSpan.FromMilliseconds(50),
        InstallTemplates = false,
    };

    private ElasticsearchIndexer Create(ElasticsearchSettings settings)
    {
        var indexer = new ElasticsearchIndexer(settings, Ack.OnDone, (document, error, _) =>
        {
            _deadLetters.Enqueue((document, error));
            return Task.CompletedTask;
        }, NullLogger.Instance);
        _indexers.Add(indexer);
        return indexer;
    }

    private async Task<ElasticsearchIndexer> StartAsync(ElasticsearchSettings settings)
    {
        var indexer = Create(settings);
        await indexer.StartAsync();
        return indexer;
    }

    private static IndexDocument Alert(string alertId, decimal amount, Ack? ack)
    {
        var body = Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $$"""{"alert_id":"{{alertId}}","rule":"HIGH_AMOUNT","customer_id":42,"amount":{{amount}},"event_time":"2026-11-22T05:17:29.123Z"}"""));
        return new IndexDocument("fraud-alerts", alertId, body, "fraud-alerts", "42"u8.ToArray(), ack);
    }

    /// <summary>A document's token: completes when the indexer reports it done.</summary>
    private sealed class Ack
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Task => _done.Task;

        public static void OnDone(IndexDocument document) => (document.State as Ack)?._done.TrySetResult();
    }
}
