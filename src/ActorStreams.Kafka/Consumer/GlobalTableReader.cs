using ActorStreams.Kafka.Internal;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStreams.Kafka.Consumer;

/// <summary>
/// Reads a whole topic on every node, outside the consumer group: every partition from the beginning, to the end
/// as it was at start-up (<see cref="StartAsync"/> completes then), and keeps following it on a background thread.
/// For reference data such as the offers global table (docs/design.md §6).
/// </summary>
public sealed class GlobalTableReader : IAsyncDisposable
{
    private readonly KafkaSettings _settings;
    private readonly string _topic;
    private readonly Action<KafkaTableRecord> _onRecord;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;
    private long _records;
    private int _disposed;

    /// <summary>Creates the reader; nothing connects until <see cref="StartAsync"/>.</summary>
    /// <param name="settings">Kafka settings.</param>
    /// <param name="topic">The topic to read.</param>
    /// <param name="onRecord">Called for each record on the reader's thread, in offset order per partition.</param>
    /// <param name="logger">Logger.</param>
    public GlobalTableReader(KafkaSettings settings, string topic, Action<KafkaTableRecord> onRecord, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(onRecord);
        _settings = settings;
        _topic = topic;
        _onRecord = onRecord;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Records read so far.</summary>
    public long RecordsRead => Interlocked.Read(ref _records);

    /// <summary>Starts reading and completes once everything present at start-up has been read.</summary>
    /// <exception cref="KafkaLayerException">The topic does not exist, or reading failed.</exception>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        KafkaNative.EnsureLoaded();
        var config = new Dictionary<string, string>(_settings.ConnectionProperties(), StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = _settings.BootstrapServers,
            ["client.id"] = $"{_settings.ClientId}-table-{_topic}",
            // No group membership: the reader assigns every partition itself and never commits.
            ["group.id"] = $"{_settings.ClientId}-table-{_topic}-unused",
            ["enable.auto.commit"] = "false",
            ["enable.auto.offset.store"] = "false",
            ["enable.partition.eof"] = "false",
        };
        var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config)
            .SetLogHandler((_, message) => KafkaLog.NativeLog(_logger, config["client.id"], message.Facility, message.Message))
            .Build();
        try
        {
            var partitions = PartitionsOf(consumer);
            var remaining = new Dictionary<int, long>();
            foreach (var partition in partitions)
            {
                var marks = consumer.QueryWatermarkOffsets(new TopicPartition(_topic, partition), TimeSpan.FromSeconds(15));
                if (marks.High.Value > marks.Low.Value)
                {
                    remaining[partition] = marks.High.Value;
                }
            }

            consumer.Assign(partitions.Select(p => new TopicPartitionOffset(_topic, p, Offset.Beginning)));
            if (remaining.Count == 0)
            {
                _caughtUp.TrySetResult();
            }

            _thread = new Thread(() => Run(consumer, remaining)) { IsBackground = true, Name = $"kafka-table-{_topic}" };
            _thread.Start();
        }
        catch (Exception ex)
        {
            consumer.Dispose();
            throw ex as KafkaLayerException ?? new KafkaLayerException($"cannot read topic \"{_topic}\" from {_settings.BootstrapServers}: {ex.Message}", ex);
        }

        return _caughtUp.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops following the topic (idempotent).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_thread is { } thread)
        {
            await Task.Run(thread.Join).ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private List<int> PartitionsOf(IConsumer<byte[]?, byte[]?> consumer)
    {
        var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        try
        {
            var metadata = admin.GetMetadata(_topic, TimeSpan.FromSeconds(15));
            var topic = metadata.Topics.SingleOrDefault(t => t.Topic == _topic);
            if (topic is null || topic.Error.Code != ErrorCode.NoError || topic.Partitions.Count == 0)
            {
                throw new KafkaLayerException($"cannot read topic \"{_topic}\": it does not exist on {_settings.BootstrapServers}");
            }

            return [.. topic.Partitions.Select(p => p.PartitionId).Order()];
        }
        finally
        {
            admin.Dispose();
        }
    }

    private void Run(IConsumer<byte[]?, byte[]?> consumer, Dictionary<int, long> remaining)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                ConsumeResult<byte[]?, byte[]?>? result;
                try
                {
                    result = consumer.Consume(100);
                }
                catch (ConsumeException ex)
                {
                    KafkaLog.ConsumeError(_logger, consumer.Name, $"reading {_topic}: {ex.Error.Reason}");
                    continue;
                }

                if (result is null)
                {
                    continue;
                }

                _onRecord(new KafkaTableRecord(result.Partition.Value, result.Offset.Value, result.Message.Key, result.Message.Value));
                Interlocked.Increment(ref _records);
                if (remaining.Count > 0
                    && remaining.TryGetValue(result.Partition.Value, out var end)
                    && result.Offset.Value + 1 >= end
                    && remaining.Remove(result.Partition.Value)
                    && remaining.Count == 0)
                {
                    _caughtUp.TrySetResult();
                }
            }
        }
        catch (Exception ex)
        {
            _caughtUp.TrySetException(ex);
            KafkaLog.ConsumeError(_logger, consumer.Name, $"reading {_topic} stopped: {ex.Message}");
        }
        finally
        {
            consumer.Close();
            consumer.Dispose();
        }
    }
}
