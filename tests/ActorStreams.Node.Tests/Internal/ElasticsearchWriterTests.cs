using System.Collections.Concurrent;
using System.Text;
using ActorStreams.Elasticsearch;
using ActorStreams.Hocon;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Producer;
using ActorStreams.Node.Internal;
using ActorStreams.TestKit;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace ActorStreams.Node.Tests.Internal;

/// <summary>
/// The outputs' Elasticsearch path as a pipeline runs it: the ordered producer flow writing through the Elasticsearch
/// writer into the indexer, against the protocol double.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ElasticsearchWriterTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output), IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly ElasticsearchDouble _es = new();
    private readonly ConcurrentQueue<string> _deadLetters = new();
    private ElasticsearchIndexer? _indexer;

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_indexer is not null)
        {
            await _indexer.DisposeAsync();
        }

        await _es.DisposeAsync();
    }

    [Fact]
    public async Task Flow_SlowCluster_EmitsEveryEnvelopeInOrderOnceItsDocumentsAreIn_WithABoundedBuffer()
    {
        _es.Delay = TimeSpan.FromMilliseconds(50);
        var writer = await StartAsync(ElasticsearchSettings.Default with
        {
            BatchSize = 10,
            MaxBufferedDocuments = 20,
            FlushInterval = TimeSpan.FromMilliseconds(20),
        });

        // Each envelope: a fraud alert, a record of a topic that is not indexed, and a merchant metric.
        var envelopes = Enumerable.Range(0, 200).Select(i => new ProducerEnvelope<int>(
            [
                Record("fraud-alerts", $$"""{"alert_id":"t-{{i}}:HIGH_AMOUNT","amount":2001.5}"""),
                Record("dead-letter", """{"error":"not indexed"}"""),
                Record("merchant-metrics", $$"""{"metric_id":"m-{{i % 7}}:2026-11-22T00:{{i % 60:00}}:00.000Z","tx_count":{{i}}}"""),
            ],
            i)).ToList();
        var emitted = await Source.From(envelopes).Via(KafkaProducer.FlexiFlow<int>(writer, parallelism: 50))
            .Select(i => (i, Indexed: _es.Documents("fraud-alerts").ContainsKey($"t-{i}:HIGH_AMOUNT")))
            .RunWith(Sink.Seq<(int, bool)>(), Sys.Materializer())
            .WaitAsync(Timeout);

        Assert.Equal(Enumerable.Range(0, 200), emitted.Select(e => e.Item1));
        Assert.All(emitted, e => Assert.True(e.Item2, $"envelope {e.Item1} was emitted before its alert was indexed"));
        Assert.Equal(200, _es.Documents("fraud-alerts").Count);
        Assert.Equal(200, _es.Documents("merchant-metrics").Count); // (i mod 7, i mod 60) differ for i < 420
        Assert.Empty(_es.Documents("dead-letter"));
        Assert.Equal(0, _indexer!.Metrics.Buffered);
        Assert.Empty(_deadLetters);
    }

    [Fact]
    public async Task Flow_RecordWithoutItsId_IsDeadLetteredAndTheEnvelopeGoesOn()
    {
        var writer = await StartAsync(ElasticsearchSettings.Default with { FlushInterval = TimeSpan.FromMilliseconds(20) });

        var emitted = await Source.Single(new ProducerEnvelope<string>([Record("churn-alerts", """{"score":0.9}""")], "done"))
            .Via(KafkaProducer.FlexiFlow<string>(writer))
            .RunWith(Sink.First<string>(), Sys.Materializer())
            .WaitAsync(Timeout);

        Assert.Equal("done", emitted);
        Assert.Contains("cannot index into churn-alerts: the record has no \"alert_id\" field", Assert.Single(_deadLetters), StringComparison.Ordinal);
        Assert.Equal(0, _es.BulkRequests);
    }

    [Fact]
    public void Routes_UnknownOutput_NamesTheKey()
    {
        var settings = ElasticsearchSettings.Default with
        {
            Outputs = new Dictionary<string, OutputIndex> { ["fraud-alert"] = new("fraud-alerts", "alert_id") },
        };

        var error = Assert.Throws<ConfigBadValueException>(() => ElasticsearchWriter.Routes(settings, KafkaTopics.Default));
        Assert.Equal("actorstreams.elasticsearch.outputs.fraud-alert", error.Path);
    }

    private async Task<ElasticsearchWriter> StartAsync(ElasticsearchSettings settings)
    {
        settings = settings with { Url = _es.Url, InstallTemplates = false };
        _indexer = new ElasticsearchIndexer(settings, ElasticsearchWriter.OnDone, (_, error, _) =>
        {
            _deadLetters.Enqueue(error);
            return Task.CompletedTask;
        }, NullLogger.Instance);
        await _indexer.StartAsync();
        return new ElasticsearchWriter(_indexer, ElasticsearchWriter.Routes(settings, KafkaTopics.Default));
    }

    private static ProducerRecord Record(string topic, string json) => new(topic, Encoding.UTF8.GetBytes("k"), Encoding.UTF8.GetBytes(json));
}
