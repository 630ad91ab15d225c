using System.Buffers;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Threading.Channels;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStreams.Elasticsearch;

/// <summary>
/// The node's Elasticsearch writer: documents from every partition's pipeline go into one bounded buffer and out in
/// bulk requests through the official client, each closed at <c>batch-size</c> documents, <c>batch-bytes</c> or
/// <c>flush-interval</c> after its first document. Every document is indexed with <c>op_type index</c> under its
/// record's deterministic id, so a replay overwrites and never duplicates.
/// </summary>
/// <remarks>
/// Failures never drop a document. A request that fails as a whole (no answer, 429, 5xx, 401/403) is sent again after
/// an exponential backoff with jitter, for as long as it takes; so are the documents a bulk answer rejects with 429 or
/// 5xx, ahead of newer ones (a later version of the same id in the same request supersedes the rejected one, which
/// keeps the newest version last). Documents rejected for good (any other item status, or a 4xx of the request) go to
/// dead-letter with the error. While the buffer is full, <see cref="TryIndex"/> refuses and pipelines wait on
/// <see cref="WhenRoomAsync"/>.
/// </remarks>
public sealed partial class ElasticsearchIndexer : IAsyncDisposable
{
    private static readonly byte[] IndexOpStart = "{\"index\":{\"_index\":"u8.ToArray();
    private static readonly byte[] IdProperty = ",\"_id\":"u8.ToArray();
    private static readonly byte[] OpEnd = "}}\n"u8.ToArray();

    private readonly ElasticsearchSettings _settings;
    private readonly ElasticsearchClient _client;
    private readonly Action<IndexDocument> _onDone;
    private readonly Func<IndexDocument, string, CancellationToken, Task> _deadLetter;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<IndexDocument> _queue = Channel.CreateUnbounded<IndexDocument>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _roomLock = new();
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource? _room;
    private int _buffered;
    private Task? _loop;

    /// <summary>Creates the indexer; nothing is sent before <see cref="StartAsync"/>.</summary>
    /// <param name="settings">The section's settings (a URL must be set).</param>
    /// <param name="onDone">
    /// Told once per document when it is done: indexed, superseded by a later version of its id, or dead-lettered. Called
    /// on the indexer's thread; must not block.
    /// </param>
    /// <param name="deadLetter">Writes the dead letter of a rejected document with its error, completing once it is delivered.</param>
    /// <param name="logger">Logger; default: none.</param>
    /// <param name="time">Clock for batching and backoff; default: the system clock.</param>
    public ElasticsearchIndexer(
        ElasticsearchSettings settings,
        Action<IndexDocument> onDone,
        Func<IndexDocument, string, CancellationToken, Task> deadLetter,
        ILogger? logger = null,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(onDone);
        ArgumentNullException.ThrowIfNull(deadLetter);
        if (settings.Url is null)
        {
            throw new ArgumentException("the Elasticsearch sink needs actorstreams.elasticsearch.url", nameof(settings));
        }

        _settings = settings;
        _onDone = onDone;
        _deadLetter = deadLetter;
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _client = CreateClient(settings);
    }

    /// <summary>The sink's counters.</summary>
    public ElasticsearchMetrics Metrics { get; } = new();

    /// <summary>The cluster's URL.</summary>
    public Uri Url => _settings.Url!;

    /// <summary>Completes when the indexer stopped; faulted when it failed (e.g. a dead letter could not be written).</summary>
    public Task Completion => _loop ?? Task.CompletedTask;

    /// <summary>The official client the indexer sends through (its transport: authentication, TLS, product check).</summary>
    internal ElasticsearchClient Client => _client;

    /// <summary>Installs missing index templates (when configured), then starts sending.</summary>
    /// <exception cref="ElasticsearchSinkException">The cluster cannot be reached or rejected a template.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("the indexer was started already");
        }

        if (_settings.InstallTemplates)
        {
            await new IndexTemplates(_client, _logger).InstallAsync(_settings.Outputs, cancellationToken).ConfigureAwait(false);
        }

        _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>
    /// Takes <paramref name="document"/> into the buffer, or returns false when the buffer is full (wait on
    /// <see cref="WhenRoomAsync"/>, then try again). Thread-safe; never blocks.
    /// </summary>
    public bool TryIndex(IndexDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var depth = Interlocked.Increment(ref _buffered);
        if (depth > _settings.MaxBufferedDocuments)
        {
            Interlocked.Decrement(ref _buffered);
            return false;
        }

        Metrics.SetBuffered(depth);
        _queue.Writer.TryWrite(document);
        return true;
    }

    /// <summary>Completes when the buffer has room again (at once when it has).</summary>
    public Task WhenRoomAsync()
    {
        lock (_roomLock)
        {
            if (Volatile.Read(ref _buffered) < _settings.MaxBufferedDocuments)
            {
                return Task.CompletedTask;
            }

            _room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _room.Task;
        }
    }

    /// <summary>Stops sending (documents still buffered are not sent: their records replay from the last checkpoint).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
    }

    /// <summary>The delay before retry number <paramref name="attempt"/> (0-based): doubling from the initial backoff up to the maximum, 50-100 % of it.</summary>
    internal static TimeSpan Backoff(ElasticsearchSettings settings, int attempt, double jitter)
    {
        var step = settings.InitialBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        var capped = Math.Min(step, settings.MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (0.5 * jitter)));
    }

    private static ElasticsearchClient CreateClient(ElasticsearchSettings settings)
    {
        var clientSettings = new ElasticsearchClientSettings(settings.Url!)
            .RequestTimeout(settings.RequestTimeout)
            .DisablePing()
            .MaximumRetries(0);
        if (settings.ApiKey.Length > 0)
        {
            clientSettings = clientSettings.Authentication(new ApiKey(settings.ApiKey));
        }
        else if (settings.Username.Length > 0)
        {
            clientSettings = clientSettings.Authentication(new BasicAuthentication(settings.Username, settings.Password));
        }

        if (settings.CaFile.Length > 0)
        {
            var ca = X509Certificate2.CreateFromPem(File.ReadAllText(settings.CaFile));
            clientSettings = clientSettings.ServerCertificateValidationCallback(CertificateValidations.AuthorityIsRoot(ca));
        }

        return new ElasticsearchClient(clientSettings);
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var batch = new List<IndexDocument>(_settings.BatchSize);
        var retry = new List<IndexDocument>();
        var retryRound = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                batch.Clear();
                batch.AddRange(retry);
                retry.Clear();
                if (batch.Count == 0 && !await _queue.Reader.WaitToReadAsync(stop).ConfigureAwait(false))
                {
                    return;
                }

                await FillAsync(batch, stop).ConfigureAwait(false);
                await SendAsync(batch, retry, stop).ConfigureAwait(false);
                if (retry.Count > 0)
                {
                    await Task.Delay(Backoff(_settings, retryRound++, Random.Shared.NextDouble()), _time, stop).ConfigureAwait(false);
                }
                else
                {
                    retryRound = 0;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception ex)
        {
            LogFaulted(_logger, ex);
            throw;
        }
    }

    /// <summary>Adds queued documents until the batch is full by count or bytes, or the flush interval since the first one passed.</summary>
    private async Task FillAsync(List<IndexDocument> batch, CancellationToken stop)
    {
        var bytes = 0L;
        foreach (var document in batch)
        {
            bytes += document.Body.Length;
        }

        var started = _time.GetTimestamp();
        while (batch.Count < _settings.BatchSize && bytes < _settings.BatchBytes)
        {
            if (_queue.Reader.TryRead(out var document))
            {
                batch.Add(document);
                bytes += document.Body.Length;
                continue;
            }

            var left = _settings.FlushInterval - _time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop);
            wait.CancelAfter(left);
            try
            {
                if (!await _queue.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task SendAsync(List<IndexDocument> batch, List<IndexDocument> retry, CancellationToken stop)
    {
        // Records that cannot become documents go to dead-letter without a request.
        if (batch.Exists(d => d.Rejection is not null))
        {
            var rejected = batch.FindAll(d => d.Rejection is not null);
            foreach (var document in rejected)
            {
                await DeadLetterAsync(document, document.Rejection!, stop).ConfigureAwait(false);
            }

            Finish(rejected);
            batch.RemoveAll(d => d.Rejection is not null);
            if (batch.Count == 0)
            {
                return;
            }
        }

        var body = BulkBody(batch);
        for (var attempt = 0; ; attempt++)
        {
            BytesResponse response;
            try
            {
                response = await _client.Transport.RequestAsync<BytesResponse>(
                    new EndpointPath(Elastic.Transport.HttpMethod.POST, "/_bulk"), PostData.ReadOnlyMemory(body), null, null, stop).ConfigureAwait(false);
            }
            catch (TransportException ex) when (!stop.IsCancellationRequested)
            {
                await RetryRequestAsync(batch.Count, attempt, ex.Message, stop).ConfigureAwait(false);
                continue;
            }

            Metrics.AddBulkRequest();
            var details = response.ApiCallDetails;
            var status = details.HttpStatusCode;
            if (status is >= 200 and < 300 && response.Body is { Length: > 0 } answer)
            {
                (int Status, string Error)[] outcomes;
                try
                {
                    outcomes = BulkAnswer.Read(answer, batch.Count);
                }
                catch (ElasticsearchSinkException ex)
                {
                    await RetryRequestAsync(batch.Count, attempt, ex.Message, stop).ConfigureAwait(false);
                    continue;
                }

                await SettleItemsAsync(batch, outcomes, retry, stop).ConfigureAwait(false);
                return;
            }

            var error = status is { } code
                ? $"{code.ToString(CultureInfo.InvariantCulture)} {BulkAnswer.ErrorText(response.Body)}"
                : details.OriginalException?.Message ?? "no answer";
            if (status is null or 401 or 403 or 407 or 408 or 429 or >= 500)
            {
                await RetryRequestAsync(batch.Count, attempt, error, stop).ConfigureAwait(false);
                continue;
            }

            // The request itself is refused for good (a 4xx other than the above): its documents cannot be indexed.
            LogRequestRefused(_logger, batch.Count, error);
            foreach (var document in batch)
            {
                await DeadLetterAsync(document, $"Elasticsearch refused the bulk request: {error}", stop).ConfigureAwait(false);
            }

            Finish(batch);
            return;
        }
    }

    private async Task RetryRequestAsync(int documents, int attempt, string error, CancellationToken stop)
    {
        Metrics.AddRetries(1);
        var delay = Backoff(_settings, attempt, Random.Shared.NextDouble());
        LogRequestRetry(_logger, documents, error, attempt + 1, delay.TotalMilliseconds);
        await Task.Delay(delay, _time, stop).ConfigureAwait(false);
    }

    /// <summary>Settles each document of the request by its item's outcome (in request order).</summary>
    private async Task SettleItemsAsync(List<IndexDocument> batch, (int Status, string Error)[] outcomes, List<IndexDocument> retry, CancellationToken stop)
    {
        var retrying = new bool[batch.Count];
        var indexed = 0;
        var retriable = 0;
        var rejected = new List<(IndexDocument Document, string Error)>();
        for (var i = 0; i < batch.Count; i++)
        {
            var (status, error) = outcomes[i];
            if (status is >= 200 and < 300)
            {
                indexed++;
            }
            else if (status is 429 or >= 500)
            {
                retrying[i] = true;
                retriable++;
            }
            else
            {
                rejected.Add((batch[i], $"Elasticsearch rejected the document (index {batch[i].Index}, _id {batch[i].Id}): {status.ToString(CultureInfo.InvariantCulture)} {error}"));
            }
        }

        Metrics.AddIndexed(indexed);
        Metrics.AddRetries(retriable);

        // A retriable document that a later one of the same id follows in this request is superseded: the later one is
        // the newer version (and is retried itself if it was rejected).
        var superseded = 0;
        var later = new HashSet<(string, string)>();
        for (var i = batch.Count - 1; i >= 0; i--)
        {
            if (!later.Add((batch[i].Index, batch[i].Id)) && retrying[i])
            {
                retrying[i] = false;
                superseded++;
            }
        }

        foreach (var (document, error) in rejected)
        {
            await DeadLetterAsync(document, error, stop).ConfigureAwait(false);
        }

        var done = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            if (retrying[i])
            {
                retry.Add(batch[i]);
            }
            else
            {
                _onDone(batch[i]);
                done++;
            }
        }

        Release(done);
        if (retry.Count > 0)
        {
            LogItemsRetry(_logger, retry.Count, batch.Count, superseded);
        }
    }

    private async Task DeadLetterAsync(IndexDocument document, string error, CancellationToken stop)
    {
        Metrics.AddFailed(1);
        LogDeadLettered(_logger, document.Index, document.Id, error);
        await _deadLetter(document, error, stop).ConfigureAwait(false);
    }

    private void Finish(List<IndexDocument> documents)
    {
        foreach (var document in documents)
        {
            _onDone(document);
        }

        Release(documents.Count);
    }

    private void Release(int count)
    {
        if (count == 0)
        {
            return;
        }

        var depth = Interlocked.Add(ref _buffered, -count);
        Metrics.SetBuffered(depth);
        TaskCompletionSource? room;
        lock (_roomLock)
        {
            room = _room;
            _room = null;
        }

        room?.TrySetResult();
    }

    private static ReadOnlyMemory<byte> BulkBody(List<IndexDocument> batch)
    {
        var buffer = new ArrayBufferWriter<byte>(batch.Sum(d => d.Body.Length + d.Id.Length + d.Index.Length + 48));
        foreach (var document in batch)
        {
            buffer.Write(IndexOpStart);
            WriteJsonString(buffer, document.Index);
            buffer.Write(IdProperty);
            WriteJsonString(buffer, document.Id);
            buffer.Write(OpEnd);
            buffer.Write(document.Body);
            buffer.Write("\n"u8);
        }

        return buffer.WrittenMemory;
    }

    private static void WriteJsonString(ArrayBufferWriter<byte> buffer, string value)
    {
        using var writer = new Utf8JsonWriter(buffer);
        writer.WriteStringValue(value);
    }

    [LoggerMessage(EventId = 8001, Level = LogLevel.Warning, Message = "Elasticsearch bulk request of {Documents} documents failed ({Error}); retry {Attempt} in {DelayMs:F0} ms")]
    private static partial void LogRequestRetry(ILogger logger, int documents, string error, int attempt, double delayMs);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Error, Message = "Elasticsearch refused a bulk request of {Documents} documents for good ({Error}); they go to dead-letter")]
    private static partial void LogRequestRefused(ILogger logger, int documents, string error);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Warning, Message = "Elasticsearch rejected {Retriable} of {Documents} documents as retriable (429/5xx); they are sent again ({Superseded} superseded by a later version)")]
    private static partial void LogItemsRetry(ILogger logger, int retriable, int documents, int superseded);

    [LoggerMessage(EventId = 8005, Level = LogLevel.Critical, Message = "the Elasticsearch sink failed and stopped; pipelines wait for it")]
    private static partial void LogFaulted(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Warning, Message = "dead-lettered document {Index}/{Id}: {Error}")]
    private static partial void LogDeadLettered(ILogger logger, string index, string id, string error);
}
