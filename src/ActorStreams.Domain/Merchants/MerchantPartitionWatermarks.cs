using System.Buffers;
using ActorStreams.Domain.Internal;

namespace ActorStreams.Domain.Merchants;

/// <summary>
/// The watermark of one merchant partition: the minimum over its upstream sources (customer
/// partitions <c>0..N−1</c>) of their latest watermark, as Flink combines input watermarks.
/// </summary>
/// <remarks>
/// A source that has never reported and is not idle counts as the minimum (it holds the
/// watermark back). An idle source is left out until its next record, data or watermark.
/// When every source is idle the caller emits every open window. Per-source watermarks and the
/// partition watermark only move forward.
/// </remarks>
public sealed class MerchantPartitionWatermarks
{
    /// <summary>The snapshot format version written as the first byte.</summary>
    public const byte SnapshotVersion = 1;

    private readonly long[] _watermarks;
    private readonly SourceStatus[] _status;
    private long _current = long.MinValue;

    /// <summary>Creates the watermark of a partition fed by <paramref name="sourceCount"/> sources, none reported yet.</summary>
    public MerchantPartitionWatermarks(int sourceCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceCount);
        _watermarks = new long[sourceCount];
        Array.Fill(_watermarks, long.MinValue);
        _status = new SourceStatus[sourceCount];
    }

    private enum SourceStatus : byte
    {
        Unknown,
        Active,
        Idle,
    }

    /// <summary>The number of upstream sources.</summary>
    public int SourceCount => _watermarks.Length;

    /// <summary>The partition watermark; <see cref="EventTime.MinValue"/> until every active source has reported.</summary>
    public EventTime Current => new(_current);

    /// <summary>True when every source is idle.</summary>
    public bool AllIdle
    {
        get
        {
            foreach (var status in _status)
            {
                if (status != SourceStatus.Idle)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>The latest watermark of one source (<see cref="EventTime.MinValue"/> when it never reported).</summary>
    public EventTime SourceWatermark(int source) => new(_watermarks[CheckSource(source)]);

    /// <summary>True when the source declared itself idle and has sent nothing since.</summary>
    public bool IsIdle(int source) => _status[CheckSource(source)] == SourceStatus.Idle;

    /// <summary>A forwarded transaction arrived with the watermark its source carried.</summary>
    public PartitionWatermarkChange OnData(int source, EventTime carriedWatermark) => Observe(source, carriedWatermark);

    /// <summary>A watermark control record arrived.</summary>
    public PartitionWatermarkChange OnWatermark(int source, EventTime watermark) => Observe(source, watermark);

    /// <summary>An idle control record arrived: the source is left out of the minimum until its next record.</summary>
    public PartitionWatermarkChange OnIdle(int source)
    {
        if (_status[CheckSource(source)] == SourceStatus.Idle)
        {
            return PartitionWatermarkChange.None;
        }

        _status[source] = SourceStatus.Idle;
        return Recompute();
    }

    /// <summary>Writes a versioned binary snapshot.</summary>
    public void Write(IBufferWriter<byte> buffer)
    {
        var writer = new SnapshotWriter(buffer);
        writer.WriteByte(SnapshotVersion);
        writer.WriteInt64(_current);
        writer.WriteInt32(_watermarks.Length);
        for (var i = 0; i < _watermarks.Length; i++)
        {
            writer.WriteByte((byte)_status[i]);
            writer.WriteInt64(_watermarks[i]);
        }
    }

    /// <summary>The length of the snapshot at the start of <paramref name="data"/> (a snapshot followed by other data).</summary>
    /// <exception cref="InvalidDataException">The data does not start with a snapshot of this version.</exception>
    public static int SnapshotLength(ReadOnlySpan<byte> data)
    {
        var reader = new SnapshotReader(data, nameof(MerchantPartitionWatermarks));
        reader.ExpectVersion(SnapshotVersion);
        reader.ReadInt64();
        var stored = reader.ReadCount(1 << 20);
        return reader.Position + (stored * 9);
    }

    /// <summary>
    /// Restores a state written by <see cref="Write"/> for <paramref name="sourceCount"/> sources;
    /// sources the snapshot does not know start unknown (holding the watermark back).
    /// </summary>
    /// <exception cref="InvalidDataException">The data is not a valid snapshot of this version.</exception>
    public static MerchantPartitionWatermarks Read(ReadOnlySpan<byte> snapshot, int sourceCount)
    {
        var reader = new SnapshotReader(snapshot, nameof(MerchantPartitionWatermarks));
        reader.ExpectVersion(SnapshotVersion);
        var state = new MerchantPartitionWatermarks(sourceCount) { _current = reader.ReadInt64() };
        var stored = reader.ReadCount(1 << 20);
        for (var i = 0; i < stored; i++)
        {
            var status = reader.ReadByte();
            var watermark = reader.ReadInt64();
            if (status > (byte)SourceStatus.Idle)
            {
                throw reader.Corrupt($"invalid source status {status}");
            }

            if (i < sourceCount)
            {
                state._status[i] = (SourceStatus)status;
                state._watermarks[i] = watermark;
            }
        }

        reader.ExpectEnd();
        return state;
    }

    private PartitionWatermarkChange Observe(int source, EventTime watermark)
    {
        CheckSource(source);
        var wasIdle = _status[source] != SourceStatus.Active;
        _status[source] = SourceStatus.Active;
        if (watermark.Ticks > _watermarks[source])
        {
            _watermarks[source] = watermark.Ticks;
        }
        else if (!wasIdle)
        {
            return PartitionWatermarkChange.None;
        }

        return Recompute();
    }

    private PartitionWatermarkChange Recompute()
    {
        var minimum = long.MaxValue;
        var anyActive = false;
        for (var i = 0; i < _status.Length; i++)
        {
            if (_status[i] == SourceStatus.Idle)
            {
                continue;
            }

            anyActive = true;
            minimum = Math.Min(minimum, _watermarks[i]);
        }

        if (!anyActive)
        {
            return PartitionWatermarkChange.AllIdle;
        }

        if (minimum > _current)
        {
            _current = minimum;
            return PartitionWatermarkChange.Advanced;
        }

        return PartitionWatermarkChange.None;
    }

    private int CheckSource(int source)
    {
        if ((uint)source >= (uint)_watermarks.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(source), source, $"source partition must be in [0, {_watermarks.Length})");
        }

        return source;
    }
}
