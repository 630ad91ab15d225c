using System.Buffers;
using ActorStreams.Domain.Internal;

namespace ActorStreams.Domain.Merchants;

/// <summary>
/// The tumbling event-time windows of one merchant (docs/design.md §6): one metric per window,
/// emitted once when the merchant partition's watermark reaches the window end
/// (<see cref="Advance"/>) or when every upstream source is idle (<see cref="FlushAll"/>).
/// </summary>
/// <remarks>
/// <para>
/// A forwarded transaction is <b>late</b> (counted, not added) when its window end is at or
/// before the watermark its own source carried with it, or when this merchant has already
/// closed the window. The first test is what makes results independent of processing speed:
/// the carried watermark is a property of the source partition's own offset order, so the same
/// input gives the same verdict however far behind any partition is or however the sources
/// interleave. The second only adds cases where a window was closed without that source's
/// watermark, i.e. while the source was idle, which is inherently a wall-clock decision.
/// </para>
/// <para>
/// Exactly-once through the repartition topic: per source partition the highest source offset
/// applied is kept, and records at or below it (replays after a failover) are ignored.
/// </para>
/// </remarks>
public sealed class MerchantWindowState
{
    /// <summary>The snapshot format version written as the first byte.</summary>
    public const byte SnapshotVersion = 1;

    private static readonly long[] NoOffsets = [];
    private static readonly OpenWindow[] NoWindows = [];

    private readonly long _windowTicks;
    private long[] _highestOffsets = NoOffsets;
    private long _closedThrough = long.MinValue;
    private long _lateEvents;
    private long _duplicateEvents;

    // Open windows ascending by start.
    private OpenWindow[] _windows = NoWindows;
    private int _count;

    /// <summary>Creates the state of a merchant with no transactions yet.</summary>
    public MerchantWindowState(MerchantId merchantId, MerchantWindowSettings settings)
    {
        ArgumentNullException.ThrowIfNull(merchantId.Value, nameof(merchantId));
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        MerchantId = merchantId;
        _windowTicks = settings.WindowSize.Ticks;
    }

    /// <summary>The merchant this state belongs to.</summary>
    public MerchantId MerchantId { get; }

    /// <summary>Transactions that were late (<c>late_events</c>).</summary>
    public long LateEvents => _lateEvents;

    /// <summary>Replayed transactions ignored.</summary>
    public long DuplicateEvents => _duplicateEvents;

    /// <summary>Windows currently open.</summary>
    public int OpenWindowCount => _count;

    /// <summary>The end of the earliest open window (the watermark that would emit something), or null.</summary>
    public EventTime? NextWindowEnd => _count > 0 ? new EventTime(_windows[0].Start + _windowTicks) : null;

    /// <summary>
    /// Instants up to which this merchant's windows are closed: windows ending at or before it
    /// no longer accept transactions.
    /// </summary>
    public EventTime ClosedThrough => new(_closedThrough);

    /// <summary>Adds a forwarded transaction to its window unless it is a replay or late.</summary>
    /// <exception cref="ArgumentException">The transaction is for another merchant or has a negative source partition.</exception>
    public MerchantApplyResult Apply(MerchantTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (transaction.MerchantId != MerchantId)
        {
            throw new ArgumentException($"transaction of merchant {transaction.MerchantId} applied to the state of merchant {MerchantId}", nameof(transaction));
        }

        var source = transaction.SourcePartition;
        if (source < 0)
        {
            throw new ArgumentException($"negative source partition {source}", nameof(transaction));
        }

        if (source < _highestOffsets.Length && transaction.SourceOffset <= _highestOffsets[source])
        {
            _duplicateEvents++;
            return MerchantApplyResult.Duplicate;
        }

        EnsureSource(source);
        _highestOffsets[source] = transaction.SourceOffset;

        var start = transaction.EventTime.Floor(TimeSpan.FromTicks(_windowTicks)).Ticks;
        var end = start + _windowTicks;
        if (end <= transaction.SourceWatermark.Ticks || end <= _closedThrough)
        {
            _lateEvents++;
            return MerchantApplyResult.Late;
        }

        ref var window = ref FindOrOpen(start, transaction.MerchantCategory);
        var amount = transaction.Amount;
        window.Count++;
        window.Total += amount;
        if (window.Count == 1 || amount > window.Max)
        {
            window.Max = amount;
        }

        if (transaction.FraudAlerted)
        {
            window.FraudAlerts++;
        }

        if (transaction.IsFraud)
        {
            window.FraudLabeled++;
        }

        return MerchantApplyResult.Applied;
    }

    /// <summary>Emits, oldest first, every open window whose end is at or before <paramref name="watermark"/>.</summary>
    /// <returns>The number of metrics appended.</returns>
    public int Advance(EventTime watermark, ICollection<MerchantMetric> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var emitted = 0;
        while (emitted < _count && _windows[emitted].Start + _windowTicks <= watermark.Ticks)
        {
            output.Add(ToMetric(_windows[emitted]));
            emitted++;
        }

        RemoveFirst(emitted);
        _closedThrough = Math.Max(_closedThrough, watermark.Ticks);
        return emitted;
    }

    /// <summary>Emits every open window, oldest first (every upstream source is idle).</summary>
    /// <returns>The number of metrics appended.</returns>
    public int FlushAll(ICollection<MerchantMetric> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var emitted = _count;
        if (emitted == 0)
        {
            return 0;
        }

        for (var i = 0; i < emitted; i++)
        {
            output.Add(ToMetric(_windows[i]));
        }

        _closedThrough = Math.Max(_closedThrough, _windows[emitted - 1].Start + _windowTicks);
        RemoveFirst(emitted);
        return emitted;
    }

    /// <summary>The metrics the open windows would have if they closed now, oldest first (for inspection; changes nothing).</summary>
    public IReadOnlyList<MerchantMetric> PreviewOpenWindows()
    {
        var preview = new MerchantMetric[_count];
        for (var i = 0; i < _count; i++)
        {
            preview[i] = ToMetric(_windows[i]);
        }

        return preview;
    }

    /// <summary>Writes a versioned binary snapshot.</summary>
    public void Write(IBufferWriter<byte> buffer)
    {
        var writer = new SnapshotWriter(buffer);
        writer.WriteByte(SnapshotVersion);
        writer.WriteString(MerchantId.Value);
        writer.WriteInt64(_closedThrough);
        writer.WriteInt64(_lateEvents);
        writer.WriteInt64(_duplicateEvents);
        writer.WriteInt32(_highestOffsets.Length);
        foreach (var offset in _highestOffsets)
        {
            writer.WriteInt64(offset);
        }

        writer.WriteInt32(_count);
        for (var i = 0; i < _count; i++)
        {
            ref readonly var window = ref _windows[i];
            writer.WriteInt64(window.Start);
            writer.WriteString(window.Category);
            writer.WriteInt64(window.Count);
            writer.WriteDecimal(window.Total);
            writer.WriteDecimal(window.Max);
            writer.WriteInt64(window.FraudAlerts);
            writer.WriteInt64(window.FraudLabeled);
        }
    }

    /// <summary>Restores a state written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The data is not a valid snapshot of this version.</exception>
    public static MerchantWindowState Read(ReadOnlySpan<byte> snapshot, MerchantWindowSettings settings)
    {
        var reader = new SnapshotReader(snapshot, nameof(MerchantWindowState));
        reader.ExpectVersion(SnapshotVersion);
        var state = new MerchantWindowState(new MerchantId(reader.ReadRequiredString()), settings)
        {
            _closedThrough = reader.ReadInt64(),
            _lateEvents = reader.ReadInt64(),
            _duplicateEvents = reader.ReadInt64(),
        };

        var sources = reader.ReadCount(1 << 20);
        state._highestOffsets = sources == 0 ? NoOffsets : new long[sources];
        for (var i = 0; i < sources; i++)
        {
            state._highestOffsets[i] = reader.ReadInt64();
        }

        var count = reader.ReadCount(1 << 24);
        state._windows = count == 0 ? NoWindows : new OpenWindow[count];
        for (var i = 0; i < count; i++)
        {
            state._windows[i] = new OpenWindow
            {
                Start = reader.ReadInt64(),
                Category = reader.ReadRequiredString(),
                Count = reader.ReadInt64(),
                Total = reader.ReadDecimal(),
                Max = reader.ReadDecimal(),
                FraudAlerts = reader.ReadInt64(),
                FraudLabeled = reader.ReadInt64(),
            };
            if (i > 0 && state._windows[i].Start <= state._windows[i - 1].Start)
            {
                throw reader.Corrupt("windows out of order");
            }
        }

        state._count = count;
        reader.ExpectEnd();
        return state;
    }

    private void EnsureSource(int source)
    {
        if (source < _highestOffsets.Length)
        {
            return;
        }

        var grown = new long[Math.Max(source + 1, Math.Min(_highestOffsets.Length * 2, 1 << 20))];
        Array.Fill(grown, -1L);
        Array.Copy(_highestOffsets, grown, _highestOffsets.Length);
        _highestOffsets = grown;
    }

    private ref OpenWindow FindOrOpen(long start, string category)
    {
        var index = _count - 1;
        while (index >= 0 && _windows[index].Start > start)
        {
            index--;
        }

        if (index >= 0 && _windows[index].Start == start)
        {
            return ref _windows[index];
        }

        index++;
        if (_count == _windows.Length)
        {
            var grown = new OpenWindow[Math.Max(2, _windows.Length * 2)];
            Array.Copy(_windows, grown, _count);
            _windows = grown;
        }

        Array.Copy(_windows, index, _windows, index + 1, _count - index);
        _windows[index] = new OpenWindow { Start = start, Category = category };
        _count++;
        return ref _windows[index];
    }

    private void RemoveFirst(int count)
    {
        if (count == 0)
        {
            return;
        }

        Array.Copy(_windows, count, _windows, 0, _count - count);
        Array.Clear(_windows, _count - count, count);
        _count -= count;
        if (_count == 0 && _windows.Length > 8)
        {
            _windows = NoWindows;
        }
    }

    private MerchantMetric ToMetric(in OpenWindow window)
    {
        var start = new EventTime(window.Start);
        return new MerchantMetric
        {
            MetricId = string.Concat(MerchantId.Value, ":", start.ToIsoString()),
            MerchantId = MerchantId.Value,
            MerchantCategory = window.Category,
            WindowStart = start,
            WindowEnd = new EventTime(window.Start + _windowTicks),
            TxCount = window.Count,
            TotalAmount = window.Total,
            AvgAmount = window.Total / window.Count,
            MaxAmount = window.Max,
            FraudAlertCount = window.FraudAlerts,
            FraudLabeledCount = window.FraudLabeled,
        };
    }

    private struct OpenWindow
    {
        public long Start;
        public string Category;
        public long Count;
        public decimal Total;
        public decimal Max;
        public long FraudAlerts;
        public long FraudLabeled;
    }
}
