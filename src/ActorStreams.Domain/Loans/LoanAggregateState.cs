using System.Buffers;
using ActorStreams.Domain.Internal;

namespace ActorStreams.Domain.Loans;

/// <summary>
/// One channel's or segment's windows (docs/design.md §6): it merges the partials the loan partitions ship and emits a
/// window when the watermark over those partitions passes its end, or when every one of them is idle. A partition
/// ships a window's partial once, so a second partial of the same partition for the same window is a replay and is
/// ignored; a partial for a window already emitted (only after an idle period) is late.
/// </summary>
public sealed class LoanAggregateState
{
    /// <summary>The snapshot format version written as the first byte.</summary>
    public const byte SnapshotVersion = 1;

    private readonly long _windowTicks;
    private readonly SortedDictionary<long, OpenWindow> _open = [];
    private long _closedThrough = long.MinValue;
    private long _latePartials;
    private long _duplicatePartials;

    /// <summary>Creates the state of an aggregate without windows.</summary>
    public LoanAggregateState(string key, LoanSettings settings)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(settings);
        Key = key;
        _windowTicks = settings.WindowSize.Ticks;
    }

    /// <summary>The aggregate key.</summary>
    public string Key { get; }

    /// <summary>Open windows.</summary>
    public int OpenCount => _open.Count;

    /// <summary>Partials for windows already emitted.</summary>
    public long LatePartials => _latePartials;

    /// <summary>Replayed partials ignored.</summary>
    public long DuplicatePartials => _duplicatePartials;

    /// <summary>Merges a loan partition's partial into its window.</summary>
    /// <param name="windowStart">The window.</param>
    /// <param name="source">The loan partition that shipped it.</param>
    /// <param name="partial">Its sums.</param>
    /// <returns>False when late or a replay.</returns>
    public bool Add(EventTime windowStart, int source, LoanAggregate partial)
    {
        ArgumentNullException.ThrowIfNull(partial);
        ArgumentOutOfRangeException.ThrowIfNegative(source);
        var start = windowStart.Ticks;
        if (start + _windowTicks <= _closedThrough)
        {
            _latePartials++;
            return false;
        }

        if (!_open.TryGetValue(start, out var window))
        {
            window = new OpenWindow(new LoanAggregate(), []);
            _open[start] = window;
        }

        if (!window.Sources.Add(source))
        {
            _duplicatePartials++;
            return false;
        }

        window.Aggregate.Merge(partial);
        return true;
    }

    /// <summary>Removes and returns the windows ending at or before <paramref name="watermark"/>.</summary>
    public IReadOnlyList<LoanWindow> Close(EventTime watermark) => CloseThrough(watermark.Ticks);

    /// <summary>Removes and returns every open window.</summary>
    public IReadOnlyList<LoanWindow> Flush() => CloseThrough(long.MaxValue);

    /// <summary>Writes a versioned binary snapshot.</summary>
    public void Write(IBufferWriter<byte> buffer)
    {
        var writer = new SnapshotWriter(buffer);
        writer.WriteByte(SnapshotVersion);
        writer.WriteString(Key);
        writer.WriteInt64(_closedThrough);
        writer.WriteInt64(_latePartials);
        writer.WriteInt64(_duplicatePartials);
        writer.WriteInt32(_open.Count);
        foreach (var (start, window) in _open)
        {
            writer.WriteInt64(start);
            window.Aggregate.WriteTo(writer);
            writer.WriteInt32(window.Sources.Count);
            foreach (var source in window.Sources)
            {
                writer.WriteInt32(source);
            }
        }
    }

    /// <summary>Restores a state written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The data is not a valid snapshot of this version.</exception>
    public static LoanAggregateState Read(ReadOnlySpan<byte> snapshot, LoanSettings settings)
    {
        var reader = new SnapshotReader(snapshot, nameof(LoanAggregateState));
        reader.ExpectVersion(SnapshotVersion);
        var state = new LoanAggregateState(reader.ReadRequiredString(), settings)
        {
            _closedThrough = reader.ReadInt64(),
            _latePartials = reader.ReadInt64(),
            _duplicatePartials = reader.ReadInt64(),
        };
        var count = reader.ReadCount(1 << 20);
        for (var i = 0; i < count; i++)
        {
            var start = reader.ReadInt64();
            var aggregate = LoanAggregate.ReadFrom(ref reader);
            var sources = new SortedSet<int>();
            var sourceCount = reader.ReadCount(1 << 20);
            for (var s = 0; s < sourceCount; s++)
            {
                sources.Add(reader.ReadInt32());
            }

            state._open[start] = new OpenWindow(aggregate, sources);
        }

        reader.ExpectEnd();
        return state;
    }

    private List<LoanWindow> CloseThrough(long through)
    {
        var closed = new List<LoanWindow>();
        foreach (var (start, window) in _open)
        {
            var end = start + _windowTicks;
            if (end > through)
            {
                break;
            }

            closed.Add(new LoanWindow(Key, new EventTime(start), new EventTime(end), window.Aggregate));
        }

        foreach (var window in closed)
        {
            _open.Remove(window.WindowStart.Ticks);
            _closedThrough = Math.Max(_closedThrough, window.WindowEnd.Ticks);
        }

        if (through != long.MaxValue && through != long.MinValue)
        {
            var floor = (through / _windowTicks) - ((through % _windowTicks) < 0 ? 1 : 0);
            _closedThrough = Math.Max(_closedThrough, floor * _windowTicks);
        }

        return closed;
    }

    private sealed record OpenWindow(LoanAggregate Aggregate, SortedSet<int> Sources);
}
