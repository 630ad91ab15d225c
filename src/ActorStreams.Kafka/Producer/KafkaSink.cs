using System.Globalization;
using System.Text;
using ActorStreams.Kafka.Internal;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStreams.Kafka.Producer;

/// <summary>
/// The node's producer: idempotent (<c>enable.idempotence</c>, <c>acks=all</c>), murmur2-partitioned like
/// Java clients, lz4-compressed and batched (<c>linger.ms</c>). At most
/// <see cref="KafkaProducerSettings.MaxBufferedMessages"/> records wait for delivery: beyond that,
/// <see cref="ProduceAsync(string, string?, byte[], CancellationToken)"/> waits (backpressure), it never drops.
/// librdkafka retries retriable errors; a record that still fails, or a fatal producer error, faults the
/// sink (<see cref="Faulted"/>, <see cref="Fault"/>), and every later call throws.
/// </summary>
public sealed class KafkaSink : IRecordWriter, IAsyncDisposable
{
    private static readonly TimeSpan QueueFullBackoff = TimeSpan.FromMilliseconds(2);

    /// <summary>The topic a delivery counts under should a report come without one.</summary>
    private const string UnknownTopic = "(unknown)";

    private readonly KafkaSettings _settings;
    private readonly KafkaMetrics _metrics;
    private readonly ILogger _logger;
    private readonly IProducer<byte[]?, byte[]> _producer;
    private readonly SemaphoreSlim _slots;
    private readonly Action<DeliveryReport<byte[]?, byte[]>> _onDelivered;
    private readonly NativeHandleGuard _guard = new();
    private readonly Lock _flushGate = new();
    private readonly List<TaskCompletionSource> _flushWaiters = [];
    private readonly Lock _roomGate = new();
    private TaskCompletionSource? _roomWaiter;
    private long _pending;
    private Exception? _fault;
    private int _disposed;

    /// <summary>Creates the producer.</summary>
    /// <param name="settings">Kafka settings (bootstrap, producer section).</param>
    /// <param name="metrics">Where delivery counters go; default: a private instance.</param>
    /// <param name="logger">Logger; default: none.</param>
    /// <param name="clientIdSuffix">Appended to the client id (e.g. the node id).</param>
    public KafkaSink(KafkaSettings settings, KafkaMetrics? metrics = null, ILogger? logger = null, string? clientIdSuffix = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        KafkaNative.EnsureLoaded();
        _settings = settings;
        _metrics = metrics ?? new KafkaMetrics();
        _logger = logger ?? NullLogger.Instance;
        ClientId = clientIdSuffix is { Length: > 0 } ? $"{settings.ClientId}-{clientIdSuffix}" : settings.ClientId + "-producer";
        var producer = settings.Producer;
        var config = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = settings.BootstrapServers,
            ["client.id"] = ClientId,
            ["enable.idempotence"] = "true",
            ["acks"] = "all",
            ["partitioner"] = "murmur2_random",
            ["compression.type"] = producer.Compression,
            ["linger.ms"] = producer.Linger.TotalMilliseconds.ToString(CultureInfo.InvariantCulture),
            ["queue.buffering.max.messages"] = producer.MaxBufferedMessages.ToString(CultureInfo.InvariantCulture),
            // Delivery reports carry only the outcome and position: no copy of key and value back to .NET.
            ["dotnet.producer.delivery.report.fields"] = "none",
        };
        foreach (var (key, value) in producer.Properties)
        {
            config[key] = value;
        }

        _slots = new SemaphoreSlim(producer.MaxBufferedMessages, producer.MaxBufferedMessages);
        _onDelivered = OnDelivered;
        _producer = new ProducerBuilder<byte[]?, byte[]>(config)
            .SetErrorHandler(OnClientError)
            .SetLogHandler((_, message) => KafkaLog.NativeLog(_logger, ClientId, message.Facility, message.Message))
            .Build();
    }

    /// <summary>This producer's <c>client.id</c>.</summary>
    public string ClientId { get; }

    /// <summary>Counters (the shared instance when one was given).</summary>
    public KafkaMetrics Metrics => _metrics;

    /// <summary>Records accepted and not yet acknowledged.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>Why the sink faulted, or null while healthy.</summary>
    public Exception? Fault => Volatile.Read(ref _fault);

    /// <summary>Raised once, on a librdkafka thread, when the sink faults; handlers must not block.</summary>
    public event EventHandler<KafkaSinkFaultException>? Faulted;

    /// <summary>
    /// Queues a record with a UTF-8 string key; completes when it is accepted into the bounded buffer
    /// (waiting while the buffer is full), not when delivered: use <see cref="FlushAsync"/> before checkpointing.
    /// </summary>
    /// <exception cref="KafkaSinkFaultException">The sink has faulted.</exception>
    public ValueTask ProduceAsync(string topic, string? key, byte[] value, CancellationToken cancellationToken = default) =>
        ProduceAsync(topic, key is null ? null : Encoding.UTF8.GetBytes(key), value, cancellationToken);

    /// <summary>Queues a record with a raw key; see <see cref="ProduceAsync(string, string?, byte[], CancellationToken)"/>.</summary>
    /// <exception cref="KafkaSinkFaultException">The sink has faulted.</exception>
    public ValueTask ProduceAsync(string topic, byte[]? key, byte[] value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(value);
        ThrowIfFaulted();
        var message = new Message<byte[]?, byte[]> { Key = key, Value = value };
        if (!_slots.Wait(0, cancellationToken))
        {
            return ProduceSlowAsync(topic, message, _onDelivered, cancellationToken);
        }

        return TryProduce(topic, message, _onDelivered)
            ? ValueTask.CompletedTask
            : RetryWhileQueueFullAsync(topic, message, _onDelivered, cancellationToken);
    }

    /// <summary>
    /// Hands a record to librdkafka without ever waiting: false when <see cref="KafkaProducerSettings.MaxBufferedMessages"/>
    /// records are outstanding or librdkafka's own queue is full (then <see cref="WhenRoomAsync"/> says when to try
    /// again). <paramref name="callback"/> is told about the delivery. For stream stages and actors, which must not block.
    /// </summary>
    /// <param name="topic">The topic.</param>
    /// <param name="partition">An explicit partition (control records), or null for the murmur2 partition of the key.</param>
    /// <param name="key">The key, or null.</param>
    /// <param name="value">The value.</param>
    /// <param name="callback">Told about the delivery.</param>
    /// <exception cref="KafkaSinkFaultException">The sink has faulted.</exception>
    public bool TryProduce(string topic, int? partition, byte[]? key, byte[] value, DeliveryCallback callback)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(callback);
        ThrowIfFaulted();
        if (!_slots.Wait(0))
        {
            _metrics.AddProducerQueueFullWait();
            return false;
        }

        var destination = new TopicPartition(topic, partition is { } p ? new Partition(p) : Partition.Any);
        var message = new Message<byte[]?, byte[]> { Key = key, Value = value };
        Interlocked.Increment(ref _pending);
        try
        {
            ProduceNative(destination, message, callback.HandlerFor(this));
            return true;
        }
        catch (ProduceException<byte[]?, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
        {
            Interlocked.Decrement(ref _pending);
            _slots.Release();
            _metrics.AddProducerQueueFullWait();
            return false;
        }
        catch
        {
            Interlocked.Decrement(ref _pending);
            _slots.Release();
            throw;
        }
    }

    /// <inheritdoc />
    /// <exception cref="KafkaSinkFaultException">The sink has faulted.</exception>
    bool IRecordWriter.TryWrite(ProducerRecord record, DeliveryCallback callback) =>
        TryProduce(record.Topic, record.Partition, record.Key, record.Value, callback);

    /// <summary>Completes when a delivery has made room since the call (or at once when there is room), or when the sink faults.</summary>
    public Task WhenRoomAsync()
    {
        lock (_roomGate)
        {
            if (_slots.CurrentCount > 0 || Fault is not null)
            {
                return Task.CompletedTask;
            }

            _roomWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _roomWaiter.Task;
        }
    }

    /// <summary>Produces a record and completes when the brokers acknowledged it, with its position.</summary>
    /// <exception cref="KafkaSinkFaultException">The sink has faulted, or this record failed (which faults the sink).</exception>
    public Task<KafkaPartitionOffset> ProduceAndWaitAsync(string topic, byte[]? key, byte[] value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        return ProduceAndWaitCoreAsync(topic, key, value, cancellationToken);
    }

    /// <summary>
    /// Produces a tombstone (null value) for <paramref name="key"/>, which deletes the key from a compacted topic, and
    /// completes when the brokers acknowledged it.
    /// </summary>
    /// <exception cref="KafkaSinkFaultException">The sink has faulted, or this record failed (which faults the sink).</exception>
    public Task<KafkaPartitionOffset> ProduceTombstoneAsync(string topic, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ProduceAndWaitCoreAsync(topic, Encoding.UTF8.GetBytes(key), null, cancellationToken);
    }

    private async Task<KafkaPartitionOffset> ProduceAndWaitCoreAsync(string topic, byte[]? key, byte[]? value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ThrowIfFaulted();
        var delivered = new TaskCompletionSource<KafkaPartitionOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnReport(DeliveryReport<byte[]?, byte[]> report)
        {
            OnDelivered(report);
            if (report.Error.IsError)
            {
                delivered.TrySetException(Fault ?? new KafkaSinkFaultException(Describe(report)));
            }
            else
            {
                delivered.TrySetResult(new KafkaPartitionOffset(new KafkaPartition(report.Topic, report.Partition.Value), report.Offset.Value));
            }
        }

        // A null value is a tombstone: the byte-array serializer writes it as a null payload.
        await ProduceSlowAsync(topic, new Message<byte[]?, byte[]> { Key = key, Value = value! }, OnReport, cancellationToken).ConfigureAwait(false);
        return await delivered.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Waits until every record accepted so far is acknowledged (bounded by <see cref="KafkaProducerSettings.FlushTimeout"/>).
    /// </summary>
    /// <exception cref="KafkaSinkFaultException">The sink faulted, or the flush timed out.</exception>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfFaulted();
        if (Pending == 0)
        {
            return;
        }

        var timeout = _settings.Producer.FlushTimeout;
        TaskCompletionSource waiter;
        lock (_flushGate)
        {
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _flushWaiters.Add(waiter);
        }

        // Re-check after registering: the last delivery may have raced with the registration.
        if (Pending == 0)
        {
            ReleaseFlushWaiters();
        }

        // Flushing also makes librdkafka send lingering batches now.
        _ = Task.Run(() => FlushNative(timeout), CancellationToken.None);
        try
        {
            await waiter.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new KafkaSinkFaultException($"Kafka sink {ClientId}: {Pending} records still undelivered after {timeout.TotalSeconds:0.###}s", ex);
        }

        ThrowIfFaulted();
    }

    /// <summary>Flushes (logging a failure, which is also reported as a fault) and closes the producer.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await FlushAsync().ConfigureAwait(false);
        }
        catch (KafkaSinkFaultException ex)
        {
            KafkaLog.FinalFlushFailed(_logger, ex, ClientId);
            Fail(ex);
        }

        // No call may still be inside librdkafka when the handle is destroyed (a background flush, a late produce).
        _guard.CloseAndWait();
        _producer.Dispose();
        _slots.Dispose();
    }

    private void FlushNative(TimeSpan timeout)
    {
        if (!_guard.TryEnter())
        {
            return;
        }

        try
        {
            _producer.Flush(timeout);
        }
        finally
        {
            _guard.Exit();
        }
    }

    private void ProduceNative(TopicPartition destination, Message<byte[]?, byte[]> message, Action<DeliveryReport<byte[]?, byte[]>> handler)
    {
        if (!_guard.TryEnter())
        {
            throw new ObjectDisposedException(ClientId, $"Kafka sink {ClientId} is closed");
        }

        try
        {
            _producer.Produce(destination, message, handler);
        }
        finally
        {
            _guard.Exit();
        }
    }

    private async ValueTask ProduceSlowAsync(
        string topic, Message<byte[]?, byte[]> message, Action<DeliveryReport<byte[]?, byte[]>> onDelivered, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!TryProduce(topic, message, onDelivered))
        {
            await RetryWhileQueueFullAsync(topic, message, onDelivered, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>librdkafka's queue is full (bytes limit): wait for deliveries to make room; the caller holds a slot.</summary>
    private async ValueTask RetryWhileQueueFullAsync(
        string topic, Message<byte[]?, byte[]> message, Action<DeliveryReport<byte[]?, byte[]>> onDelivered, CancellationToken cancellationToken)
    {
        do
        {
            _metrics.AddProducerQueueFullWait();
            try
            {
                await Task.Delay(QueueFullBackoff, cancellationToken).ConfigureAwait(false);
                ThrowIfFaulted();
            }
            catch
            {
                _slots.Release();
                throw;
            }
        }
        while (!TryProduce(topic, message, onDelivered));
    }

    /// <summary>Hands the record to librdkafka; the caller holds a slot. False when librdkafka's own queue is full.</summary>
    private bool TryProduce(string topic, Message<byte[]?, byte[]> message, Action<DeliveryReport<byte[]?, byte[]>> onDelivered)
    {
        Interlocked.Increment(ref _pending);
        try
        {
            ProduceNative(new TopicPartition(topic, Partition.Any), message, onDelivered);
            return true;
        }
        catch (ProduceException<byte[]?, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
        {
            Interlocked.Decrement(ref _pending);
            return false;
        }
        catch
        {
            Interlocked.Decrement(ref _pending);
            _slots.Release();
            throw;
        }
    }

    internal void OnDelivered(DeliveryReport<byte[]?, byte[]> report)
    {
        if (report.Error.IsError)
        {
            _metrics.AddProduceFailure();
            Fail(new KafkaSinkFaultException(Describe(report)));
        }
        else
        {
            // The client fills the report's topic from the produce call (a reference, nothing marshalled).
            _metrics.AddProduced(report.Topic ?? UnknownTopic);
        }

        _slots.Release();
        if (Volatile.Read(ref _roomWaiter) is not null)
        {
            ReleaseRoomWaiter();
        }

        if (Interlocked.Decrement(ref _pending) == 0)
        {
            ReleaseFlushWaiters();
        }
    }

    private void ReleaseRoomWaiter()
    {
        TaskCompletionSource? waiter;
        lock (_roomGate)
        {
            waiter = _roomWaiter;
            _roomWaiter = null;
        }

        waiter?.TrySetResult();
    }

    private void OnClientError(IProducer<byte[]?, byte[]> producer, Error error)
    {
        if (error.IsFatal)
        {
            Fail(new KafkaSinkFaultException($"Kafka sink {ClientId}: fatal producer error: {error.Reason} ({error.Code})"));
            return;
        }

        KafkaLog.ClientError(_logger, ClientId, $"{error.Reason} ({error.Code})");
    }

    private void Fail(Exception fault)
    {
        if (Interlocked.CompareExchange(ref _fault, fault, null) is not null)
        {
            return;
        }

        KafkaLog.SinkFaulted(_logger, fault, ClientId);
        ReleaseFlushWaiters();
        ReleaseRoomWaiter();
        Faulted?.Invoke(this, fault as KafkaSinkFaultException ?? new KafkaSinkFaultException(fault.Message, fault));
    }

    private void ReleaseFlushWaiters()
    {
        TaskCompletionSource[] waiters;
        lock (_flushGate)
        {
            if (_flushWaiters.Count == 0)
            {
                return;
            }

            waiters = [.. _flushWaiters];
            _flushWaiters.Clear();
        }

        foreach (var waiter in waiters)
        {
            waiter.TrySetResult();
        }
    }

    private void ThrowIfFaulted()
    {
        if (Fault is { } fault)
        {
            throw fault as KafkaSinkFaultException ?? new KafkaSinkFaultException(fault.Message, fault);
        }
    }

    internal static string Describe(DeliveryReport<byte[]?, byte[]> report) =>
        $"Kafka sink: delivery to {report.Topic} failed permanently: {report.Error.Reason} ({report.Error.Code})";
}
