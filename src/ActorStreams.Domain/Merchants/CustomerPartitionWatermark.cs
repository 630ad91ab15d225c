using System.Buffers;
using ActorStreams.Domain.Internal;

namespace ActorStreams.Domain.Merchants;

/// <summary>
/// The sending side of merchant watermarks for one customer partition: tracks the newest event
/// time the partition has seen, gives the watermark each forwarded transaction carries, and
/// tells the caller which control record to broadcast to every merchant partition: a watermark
/// when it advanced, or an idle declaration once the partition's pipeline has waited for input
/// for the idle timeout.
/// </summary>
/// <remarks>
/// Idleness is measured by the pipeline as the time it has been ready for its next record
/// without one arriving. Time spent working through a backlog (backpressure, a checkpoint, a slow
/// store or a starved CPU) is not waiting, so a partition that is behind is never declared idle
/// and its records never arrive late because of processing speed.
/// </remarks>
public sealed class CustomerPartitionWatermark
{
    /// <summary>The snapshot format version written as the first byte.</summary>
    public const byte SnapshotVersion = 1;

    private readonly long _graceTicks;
    private readonly long _idleTicks;
    private bool _hasData;
    private long _maxT;
    private long _waitedSinceRecord;
    private long _lastAnnounced = long.MinValue;
    private bool _idleAnnounced;
    private bool _mustAnnounce;

    /// <summary>Creates the tracker of a partition just assigned.</summary>
    public CustomerPartitionWatermark(int partition, MerchantWindowSettings settings)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        Partition = partition;
        _graceTicks = settings.Grace.Ticks;
        _idleTicks = settings.IdleTimeout.Ticks;
    }

    /// <summary>The customer partition (the source number merchant partitions know it by).</summary>
    public int Partition { get; }

    /// <summary>The newest event time seen, or null before the first record.</summary>
    public EventTime? MaxEventTime => _hasData ? new EventTime(_maxT) : null;

    /// <summary>The current watermark (newest event time minus grace), or null before the first record.</summary>
    public EventTime? Watermark => _hasData ? new EventTime(_maxT - _graceTicks) : null;

    /// <summary>
    /// Records a transaction read from the partition and returns the watermark to forward with it
    /// (including this record).
    /// </summary>
    public EventTime ObserveRecord(EventTime eventTime)
    {
        if (!_hasData || eventTime.Ticks > _maxT)
        {
            _maxT = eventTime.Ticks;
            _hasData = true;
        }

        _waitedSinceRecord = 0;
        if (_idleAnnounced)
        {
            // Merchant partitions that got no data from us still think we are idle.
            _idleAnnounced = false;
            _mustAnnounce = true;
        }

        return new EventTime(_maxT - _graceTicks);
    }

    /// <summary>
    /// What to broadcast now: <see cref="WatermarkSignalKind.Idle"/> once when the pipeline has
    /// waited for input for the idle timeout in all since the last transaction (or since the
    /// start), otherwise the watermark when it advanced since the last broadcast (or after a
    /// restore or an idle period), otherwise nothing.
    /// </summary>
    /// <param name="inputWait">How long the pipeline waited for input since the previous poll (zero while it was busy or behind).</param>
    public WatermarkSignal Poll(TimeSpan inputWait)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputWait, TimeSpan.Zero);
        _waitedSinceRecord = Math.Min(_idleTicks, _waitedSinceRecord + inputWait.Ticks);
        if (_waitedSinceRecord >= _idleTicks)
        {
            if (_idleAnnounced)
            {
                return WatermarkSignal.None;
            }

            _idleAnnounced = true;
            return WatermarkSignal.Idle;
        }

        if (!_hasData)
        {
            return WatermarkSignal.None;
        }

        var watermark = _maxT - _graceTicks;
        if (watermark > _lastAnnounced || _mustAnnounce)
        {
            _lastAnnounced = watermark;
            _mustAnnounce = false;
            return new WatermarkSignal(WatermarkSignalKind.Watermark, new EventTime(watermark));
        }

        return WatermarkSignal.None;
    }

    /// <summary>Writes a versioned binary snapshot (the newest event time; idleness is not kept).</summary>
    public void Write(IBufferWriter<byte> buffer)
    {
        var writer = new SnapshotWriter(buffer);
        writer.WriteByte(SnapshotVersion);
        writer.WriteInt32(Partition);
        writer.WriteBool(_hasData);
        writer.WriteInt64(_maxT);
    }

    /// <summary>Restores a tracker written by <see cref="Write"/>; it re-announces its watermark on the next poll.</summary>
    /// <exception cref="InvalidDataException">The data is not a valid snapshot of this version.</exception>
    public static CustomerPartitionWatermark Read(ReadOnlySpan<byte> snapshot, MerchantWindowSettings settings)
    {
        var reader = new SnapshotReader(snapshot, nameof(CustomerPartitionWatermark));
        reader.ExpectVersion(SnapshotVersion);
        var partition = reader.ReadInt32();
        if (partition < 0)
        {
            throw reader.Corrupt($"negative partition {partition}");
        }

        var state = new CustomerPartitionWatermark(partition, settings)
        {
            _hasData = reader.ReadBool(),
            _maxT = reader.ReadInt64(),
        };
        state._mustAnnounce = state._hasData;
        reader.ExpectEnd();
        return state;
    }
}
