namespace ActorStreams.Node.Lake;

/// <summary>The lake sink's counters on this node.</summary>
public sealed class LakeMetrics
{
    private long _files;
    private long _rows;
    private long _bytes;
    private long _chunks;
    private long _writeFailures;
    private long _rejected;

    /// <summary>Parquet files written (rewrites after a recovery included).</summary>
    public long FilesWritten => Interlocked.Read(ref _files);

    /// <summary>Rows in the files written.</summary>
    public long RowsWritten => Interlocked.Read(ref _rows);

    /// <summary>Bytes of the files written.</summary>
    public long BytesWritten => Interlocked.Read(ref _bytes);

    /// <summary>Chunks put (one per checkpoint of a partition that took rows in).</summary>
    public long ChunksWritten => Interlocked.Read(ref _chunks);

    /// <summary>Attempts to write files that failed (the files are written later).</summary>
    public long WriteFailures => Interlocked.Read(ref _writeFailures);

    /// <summary>Records the lake could not turn into rows (their values do not match the dataset's schema); logged.</summary>
    public long RowsRejected => Interlocked.Read(ref _rejected);

    internal void FileWritten(int rows, int bytes)
    {
        Interlocked.Increment(ref _files);
        Interlocked.Add(ref _rows, rows);
        Interlocked.Add(ref _bytes, bytes);
    }

    internal void ChunkWritten() => Interlocked.Increment(ref _chunks);

    internal void WriteFailed() => Interlocked.Increment(ref _writeFailures);

    internal void RowRejected() => Interlocked.Increment(ref _rejected);
}
