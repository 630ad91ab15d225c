using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using ActorStreams.Kafka.Consumer;
using ActorStreams.Kafka.DeadLetters;
using ActorStreams.Kafka.Producer;
using ActorStreams.Kafka.Tests.Support;
using Akka.Streams;
using Xunit.Abstractions;

namespace ActorStreams.Kafka.Tests.DeadLetters;

/// <summary>Records the decoder rejects go to the dead-letter topic with their reason, and the stream goes on.</summary>
[Trait("Category", "Integration")]
public sealed class DeadLetterTests(BrokerFixture fixture, ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output), IClassFixture<BrokerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Source_BadRecords_GoToDeadLetterWithReasonAndProcessingContinues()
    {
        var topic = fixture.CreateTopic("tx", 1);
        var deadLetterTopic = fixture.CreateTopic("dlq", 2);
        var settings = fixture.Settings();
        var bad = new (string Key, byte[] Value, string Reason)[]
        {
            ("1", "not json at all"u8.ToArray(), "value is not valid JSON"),
            ("2", Encoding.UTF8.GetBytes(TransactionJson.Valid(2).Replace("\"amount\":120.5", "\"amount\":\"abc\"", StringComparison.Ordinal)), "field \"amount\" must be a number > 0, got \"abc\""),
            ("3", Encoding.UTF8.GetBytes(TransactionJson.Valid(3).Replace("\"device_id\":\"d-3\",", string.Empty, StringComparison.Ordinal)), "missing required field \"device_id\""),
            ("4", [0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d], "value is not valid UTF-8"),
        };
        await using var sink = new KafkaSink(settings);
        for (var i = 0; i < 20; i++)
        {
            await sink.ProduceAsync(topic, $"{i}", Encoding.UTF8.GetBytes(TransactionJson.Valid(i)));
            if (i % 5 == 0)
            {
                var (key, value, _) = bad[i / 5];
                await sink.ProduceAsync(topic, key, value);
            }
        }

        await sink.FlushAsync();

        var decoded = new ConcurrentQueue<long>();
        var deadLettered = new ConcurrentQueue<long>();
        var decoder = new TestTransactionDecoder();
        var writer = new DeadLetterWriter(sink, deadLetterTopic);
        await using var host = new KafkaConsumerHost(settings, fixture.UniqueName("g"));
        host.Start();
        using var processed = RecordCollector.Run(host, RecordCollector.FromBeginning(topic, 1), Sys.Materializer(), async record =>
        {
            if (decoder.TryDecode(record.Value, out var tx, out var error))
            {
                decoded.Enqueue(tx.CustomerId);
            }
            else
            {
                await writer.WriteAsync(record, error);
                deadLettered.Enqueue(record.Offset);
            }
        });

        await AwaitConditionAsync(() => Task.FromResult(processed.Count >= 24), Timeout, "all 24 records are processed");
        Assert.Equal(24, processed.Count);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), decoded);
        Assert.Equal([1L, 7L, 13L, 19L], deadLettered);

        var letters = (await Kcat.RunAsync(["-C", "-b", fixture.BootstrapServers, "-t", deadLetterTopic, "-e", "-o", "beginning", "-q", "-f", "%k\\t%s\\n"]))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t', 2))
            .ToDictionary(parts => parts[0], parts => JsonDocument.Parse(parts[1]).RootElement);
        Assert.Equal(4, letters.Count);
        foreach (var (key, value, reason) in bad)
        {
            var letter = letters[key];
            Assert.Equal(topic, letter.GetProperty("source_topic").GetString());
            Assert.Equal(0, letter.GetProperty("partition").GetInt32());
            Assert.Equal(key, letter.GetProperty("key").GetString());
            Assert.StartsWith(reason, letter.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", letter.GetProperty("failed_at").GetString());
            if (key == "4")
            {
                Assert.Equal(Convert.ToBase64String(value), letter.GetProperty("value_base64").GetString());
                Assert.False(letter.TryGetProperty("value", out _));
            }
            else
            {
                Assert.Equal(Encoding.UTF8.GetString(value), letter.GetProperty("value").GetString());
                Assert.False(letter.TryGetProperty("value_base64", out _));
            }
        }

        var offsets = letters.Values.Select(l => l.GetProperty("offset").GetInt64()).Order().ToList();
        Assert.Equal([1L, 7L, 13L, 19L], offsets);
    }
}
