using ActorStreams.Cluster.Partitions;
using ActorStreams.Kafka.Consumer;
using ActorStreams.Kafka.Producer;
using ActorStreams.Lake;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Node.Lake;

/// <summary>
/// One run of a partition's lake sink (docs/lake.md, Exactly once). Rows go to a file buffer per dataset and event hour;
/// a buffer closes (between records) at the size, row or age limit. At each barrier the rows taken in since the last
/// one become a chunk, put to the lake before the checkpoint is written; the checkpoint records every unwritten buffer
/// with its chunks. Once it is written, the closed buffers it covers are written as Parquet files and the chunks no
/// buffer needs any more are deleted.
/// </summary>
internal sealed partial class LakeArchive : IPartitionArchive
{
    private readonly LakeArchiveContext _context;
    private readonly object _gate = new();
    private readonly Dictionary<long, Buffer> _buffers = [];
    private readonly Dictionary<(LakeDataset Dataset, DateTimeOffset Hour), Buffer> _open = [];
    private readonly Dictionary<long, int> _chunkUsers = [];
    private readonly Dictionary<(string Dataset, DateTimeOffset Hour), long> _firstOffsets = [];
    private readonly List<(long BufferId, LakeRowSource Row)> _taken = [];
    private readonly Queue<(byte[] State, long[] Closed)> _awaitingCheckpoint = new();
    private long _nextBufferId;
    private long _nextChunkId;
    private (int Partition, long Offset, long TimestampMs)? _last;
    private Task _publishing = Task.CompletedTask;
    private bool _publishFailed;

    private LakeArchive(LakeArchiveContext context) => _context = context;

    /// <summary>Buffers not written yet (open or closed), for tests and metrics.</summary>
    internal int Unwritten
    {
        get
        {
            lock (_gate)
            {
                return _buffers.Count;
            }
        }
    }

    /// <summary>
    /// Opens the archive from <paramref name="state"/>: writes the files it left waiting (again, identically, when they
    /// were written before), reopens its open buffers from their chunks and deletes chunks nothing refers to.
    /// </summary>
    public static async Task<LakeArchive> OpenAsync(LakeArchiveContext context, byte[]? state, CancellationToken cancellationToken)
    {
        var archive = new LakeArchive(context);
        var recovered = state is null ? null : LakeArchiveState.Decode(state);
        var prefix = LakeChunk.Prefix(context.Kind, context.Partition);
        var referenced = new HashSet<long>();

        // A previous owner killed half-way through putting a chunk or a file leaves its temporary object behind.
        await context.Storage.DeleteUnfinishedPutsAsync(prefix, cancellationToken).ConfigureAwait(false);
        if (recovered is not null)
        {
            archive._nextBufferId = recovered.NextBufferId;
            archive._nextChunkId = recovered.NextChunkId;
            var chunks = new Dictionary<long, List<(long BufferId, LakeRowSource Row)>?>();
            foreach (var entry in recovered.Buffers)
            {
                referenced.UnionWith(entry.Chunks);
                await context.Storage.DeleteUnfinishedPutsAsync(entry.FileKey, cancellationToken).ConfigureAwait(false);
                if (entry.Closed && await context.Storage.ExistsAsync(entry.FileKey, cancellationToken).ConfigureAwait(false))
                {
                    continue; // written before the crash; its chunks may be gone
                }

                var buffer = new Buffer(entry.Id, entry.Dataset, entry.Hour, entry.FileKey, context.Time.GetTimestamp()) { Closed = entry.Closed };
                foreach (var chunkId in entry.Chunks)
                {
                    if (!chunks.TryGetValue(chunkId, out var rows))
                    {
                        var key = LakeChunk.Key(context.Kind, context.Partition, chunkId);
                        var bytes = await context.Storage.GetAsync(key, cancellationToken).ConfigureAwait(false)
                            ?? throw new LakeException($"lake chunk {key} of {entry.FileKey} is missing from {context.Storage.Description}: the rows of that file cannot be restored");
                        rows = LakeChunk.Decode(bytes, key);
                        chunks[chunkId] = rows;
                    }

                    foreach (var (bufferId, source) in rows!)
                    {
                        if (bufferId == entry.Id)
                        {
                            buffer.Add(source.ToRow());
                        }
                    }

                    buffer.Chunks.Add(chunkId);
                }

                archive.Track(buffer);
            }

            foreach (var buffer in archive._buffers.Values.Where(b => b.Closed).ToList())
            {
                await archive.WriteFileAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
        }

        // Chunks of writes that never made it into a checkpoint (a crash between a chunk and its checkpoint, or a stale
        // owner's) are not referred to by any state a run will recover: delete them.
        foreach (var key in await context.Storage.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            if (LakeChunk.IdOf(prefix, key) is { } id && !referenced.Contains(id) && !archive._chunkUsers.ContainsKey(id))
            {
                await context.Storage.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var id in referenced.Where(id => !archive._chunkUsers.ContainsKey(id)))
        {
            await context.Storage.DeleteAsync(LakeChunk.Key(context.Kind, context.Partition, id), cancellationToken).ConfigureAwait(false);
        }

        return archive;
    }

    /// <inheritdoc />
    public void Add(ConsumedRecord? record, IReadOnlyList<ProducerRecord> outputs, bool duplicate)
    {
        if (record is not null)
        {
            _last = (record.Partition, record.Offset, record.TimestampMs);
        }

        // One pass over the outputs (this runs for every record): a dead letter means the input is not a valid record.
        var routes = _context.Routes;
        var deadLettered = false;
        var archivedOutputs = false;
        for (var i = 0; i < outputs.Count; i++)
        {
            deadLettered |= routes.IsDeadLetter(outputs[i].Topic);
            archivedOutputs |= routes.OutputDataset(outputs[i].Topic) is not null;
        }

        var raw = !deadLettered && record is { Value: not null } ? routes.RawDataset(record.Topic) : null;
        if (raw is null && !archivedOutputs)
        {
            return;
        }

        var (partition, offset, timestamp) = _last ?? (_context.Partition, -1L, 0L);
        lock (_gate)
        {
            CloseFull();
            if (raw is not null)
            {
                Take(new LakeRowSource(raw, record!.Value!, partition, offset, duplicate, timestamp));
            }

            foreach (var output in outputs)
            {
                if (routes.OutputDataset(output.Topic) is { } dataset)
                {
                    Take(new LakeRowSource(dataset, output.Value, partition, offset, false, timestamp));
                }
            }
        }
    }

    /// <summary>
    /// True when an open file is due to close (by rows, size or age) or a publication failed: a partition that receives
    /// nothing more still checkpoints, so that its files are closed and written (again) after that checkpoint.
    /// </summary>
    public bool CheckpointWanted
    {
        get
        {
            lock (_gate)
            {
                return _publishFailed || _open.Values.Any(Full);
            }
        }
    }

    /// <inheritdoc />
    public ArchiveBarrier Barrier(bool final)
    {
        Task durable = Task.CompletedTask;
        lock (_gate)
        {
            _publishFailed = false;
            CloseFull();
            if (final)
            {
                // A handoff finishes the partition's files here: written once the final checkpoint is; the next owner
                // starts files of its own.
                foreach (var buffer in _open.Values)
                {
                    buffer.Closed = true;
                }

                _open.Clear();
            }

            if (_taken.Count > 0)
            {
                var chunkId = _nextChunkId++;
                var bytes = LakeChunk.Encode(_taken);
                foreach (var bufferId in _taken.Select(t => t.BufferId).Distinct())
                {
                    if (_buffers[bufferId].Chunks.Add(chunkId))
                    {
                        _chunkUsers[chunkId] = _chunkUsers.GetValueOrDefault(chunkId) + 1;
                    }
                }

                _taken.Clear();
                durable = PutChunkAsync(LakeChunk.Key(_context.Kind, _context.Partition, chunkId), bytes);
            }

            var state = new LakeArchiveState { NextBufferId = _nextBufferId, NextChunkId = _nextChunkId };
            foreach (var buffer in _buffers.Values.OrderBy(b => b.Id))
            {
                state.Buffers.Add(new LakeArchiveState.BufferEntry(buffer.Id, buffer.Dataset, buffer.Hour, buffer.FileKey, buffer.Closed, [.. buffer.Chunks.Order()]));
            }

            var encoded = state.Encode();
            _awaitingCheckpoint.Enqueue((encoded, [.. _buffers.Values.Where(b => b.Closed).Select(b => b.Id)]));
            return new ArchiveBarrier(encoded, durable);
        }
    }

    /// <inheritdoc />
    public void Written(byte[] state)
    {
        long[] closed = [];
        lock (_gate)
        {
            while (_awaitingCheckpoint.TryDequeue(out var awaiting))
            {
                if (ReferenceEquals(awaiting.State, state))
                {
                    closed = awaiting.Closed;
                    break;
                }
            }
        }

        if (closed.Length > 0)
        {
            lock (_gate)
            {
                var previous = _publishing;
                _publishing = PublishAfterAsync(previous, closed);
            }
        }
    }

    /// <summary>Completes once every file publication started so far has ended (written, or failed and logged).</summary>
    internal Task Published
    {
        get
        {
            lock (_gate)
            {
                return _publishing;
            }
        }
    }

    /// <summary>Publications run one after another, so that a file is never written by two at once.</summary>
    private async Task PublishAfterAsync(Task previous, long[] bufferIds)
    {
        await previous.ConfigureAwait(false);
        await PublishAsync(bufferIds).ConfigureAwait(false);
    }

    private async Task PutChunkAsync(string key, byte[] bytes)
    {
        await _context.Storage.PutAsync(key, bytes, CancellationToken.None).ConfigureAwait(false);
        _context.Metrics.ChunkWritten();
    }

    /// <summary>Writes the closed buffers a written checkpoint covers, then deletes the chunks no buffer needs.</summary>
    private async Task PublishAsync(long[] bufferIds)
    {
        try
        {
            foreach (var id in bufferIds)
            {
                Buffer? buffer;
                lock (_gate)
                {
                    buffer = _buffers.GetValueOrDefault(id);
                }

                if (buffer is { Writing: false })
                {
                    await WriteFileAsync(buffer, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex)
        {
            // The buffers stay in the archive's state: the next written checkpoint, or the next owner, writes them.
            lock (_gate)
            {
                _publishFailed = true;
            }

            _context.Metrics.WriteFailed();
            LogWriteFailed(_context.Logger, ex, _context.Kind, _context.Partition, _context.Storage.Description);
        }
    }

    private async Task WriteFileAsync(Buffer buffer, CancellationToken cancellationToken)
    {
        buffer.Writing = true;
        try
        {
            var bytes = await LakeParquetWriter.WriteAsync(buffer.Dataset, buffer.Rows, cancellationToken).ConfigureAwait(false);
            await _context.Storage.PutAsync(buffer.FileKey, bytes, cancellationToken).ConfigureAwait(false);
            _context.Metrics.FileWritten(buffer.Rows.Count, bytes.Length);
        }
        finally
        {
            buffer.Writing = false;
        }

        var unused = new List<long>();
        lock (_gate)
        {
            _buffers.Remove(buffer.Id);
            foreach (var chunkId in buffer.Chunks)
            {
                var users = _chunkUsers[chunkId] - 1;
                if (users == 0)
                {
                    _chunkUsers.Remove(chunkId);
                    unused.Add(chunkId);
                }
                else
                {
                    _chunkUsers[chunkId] = users;
                }
            }
        }

        foreach (var chunkId in unused)
        {
            await _context.Storage.DeleteAsync(LakeChunk.Key(_context.Kind, _context.Partition, chunkId), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Closes the open buffers at their row, size or age limit (between records, so a record's rows share a file).</summary>
    private void CloseFull()
    {
        List<(LakeDataset, DateTimeOffset)>? full = null;
        foreach (var (key, buffer) in _open)
        {
            if (Full(buffer))
            {
                buffer.Closed = true;
                (full ??= []).Add(key);
            }
        }

        full?.ForEach(key => _open.Remove(key));
    }

    /// <summary>Whether an open buffer has reached its row, size or age limit.</summary>
    private bool Full(Buffer buffer) =>
        buffer.Rows.Count >= _context.Settings.MaxFileRows || buffer.Bytes >= _context.Settings.MaxFileBytes
        || _context.Time.GetElapsedTime(buffer.OpenedAt) >= _context.Settings.MaxFileAge;

    private void Take(LakeRowSource source)
    {
        LakeRow row;
        try
        {
            row = source.ToRow();
        }
        catch (LakeException ex)
        {
            // A record the pipeline accepted but the dataset's schema does not (a contract mismatch, not bad input: bad
            // input is dead-lettered before): counted and logged rather than stopping the partition on every replay.
            _context.Metrics.RowRejected();
            LogRowRejected(_context.Logger, ex, _context.Kind, _context.Partition, source.Dataset.Name);
            return;
        }

        var hour = LakePaths.HourOf(row.EventTime);
        if (!_open.TryGetValue((source.Dataset, hour), out var buffer))
        {
            buffer = new Buffer(_nextBufferId++, source.Dataset, hour, FileKey(source.Dataset, hour, row.KafkaOffset), _context.Time.GetTimestamp());
            Track(buffer);
        }

        buffer.Add(row);
        _taken.Add((buffer.Id, source));
    }

    /// <summary>
    /// The key of a new file: its first row's offset, or one more than the last file of the same dataset and hour this
    /// archive named when that is not lower (rows of a tick share the last record's offset; dead letters of the
    /// partition's several input topics have offsets of different topics), so that no two files share a key.
    /// </summary>
    private string FileKey(LakeDataset dataset, DateTimeOffset hour, long firstOffset)
    {
        var slot = (dataset.Name, hour);
        if (_firstOffsets.TryGetValue(slot, out var last) && firstOffset <= last)
        {
            firstOffset = last + 1;
        }

        _firstOffsets[slot] = firstOffset;
        return LakePaths.DataFileKey(dataset, hour, _context.NodeId, _context.Partition, firstOffset);
    }

    private void Track(Buffer buffer)
    {
        _buffers[buffer.Id] = buffer;
        if (!buffer.Closed)
        {
            _open[(buffer.Dataset, buffer.Hour)] = buffer;
        }

        foreach (var chunkId in buffer.Chunks)
        {
            _chunkUsers[chunkId] = _chunkUsers.GetValueOrDefault(chunkId) + 1;
        }

        if (LakePaths.TryParse(buffer.FileKey, out var file))
        {
            var slot = (buffer.Dataset.Name, buffer.Hour);
            _firstOffsets[slot] = Math.Max(_firstOffsets.GetValueOrDefault(slot, long.MinValue), file.FirstOffset);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "lake {Kind}-{Partition}: a {Dataset} row does not match its schema and is left out of the lake")]
    private static partial void LogRowRejected(ILogger logger, Exception exception, string kind, int partition, string dataset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "lake {Kind}-{Partition}: files could not be written to {Lake}; they stay in the checkpoints and are written again after the next one")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string kind, int partition, string lake);

    /// <summary>A file being filled: its rows in order, the chunks they are in, when it opened.</summary>
    private sealed class Buffer(long id, LakeDataset dataset, DateTimeOffset hour, string fileKey, long openedAt)
    {
        public long Id { get; } = id;

        public LakeDataset Dataset { get; } = dataset;

        public DateTimeOffset Hour { get; } = hour;

        public string FileKey { get; } = fileKey;

        public long OpenedAt { get; } = openedAt;

        public bool Closed { get; set; }

        public bool Writing { get; set; }

        public List<LakeRow> Rows { get; } = [];

        public long Bytes { get; private set; }

        public HashSet<long> Chunks { get; } = [];

        public void Add(LakeRow row)
        {
            Rows.Add(row);
            Bytes += row.ApproximateBytes;
        }
    }
}
