namespace ActorStreams.Elasticsearch;

/// <summary>Counters of the Elasticsearch sink (node metrics log line and admin API); thread-safe.</summary>
public sealed class ElasticsearchMetrics
{
    private long _indexed;
    private long _retries;
    private long _failed;
    private long _buffered;
    private long _bulkRequests;

    /// <summary>Documents Elasticsearch accepted (created or overwritten by id).</summary>
    public long Indexed => Volatile.Read(ref _indexed);

    /// <summary>Retries: of whole bulk requests and of documents a bulk answer rejected as retriable.</summary>
    public long Retries => Volatile.Read(ref _retries);

    /// <summary>Documents rejected for good and sent to dead-letter.</summary>
    public long Failed => Volatile.Read(ref _failed);

    /// <summary>Documents accepted and not yet indexed (the buffer's depth).</summary>
    public long Buffered => Volatile.Read(ref _buffered);

    /// <summary>Bulk requests answered (whatever the answer).</summary>
    public long BulkRequests => Volatile.Read(ref _bulkRequests);

    internal void AddIndexed(int count) => Interlocked.Add(ref _indexed, count);

    internal void AddRetries(int count) => Interlocked.Add(ref _retries, count);

    internal void AddFailed(int count) => Interlocked.Add(ref _failed, count);

    internal void SetBuffered(long depth) => Volatile.Write(ref _buffered, depth);

    internal void AddBulkRequest() => Interlocked.Increment(ref _bulkRequests);
}
