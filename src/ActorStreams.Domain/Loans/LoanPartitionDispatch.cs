using System.Buffers;
using ActorStreams.Domain.Internal;
using ActorStreams.Domain.Merchants;

namespace ActorStreams.Domain.Loans;

/// <summary>
/// The dispatch-side state of one loan partition (docs/design.md §6): the watermark over the customer partitions
/// (applications), the watermark over the loan partitions (partials), which devices have applications waiting for the
/// first, and which aggregates have windows waiting for the second. Only those entities are told when a watermark
/// moves.
/// </summary>
public sealed class LoanPartitionDispatch
{
    /// <summary>The snapshot format version written as the first byte.</summary>
    public const byte SnapshotVersion = 1;

    private readonly long _windowTicks;
    private readonly SortedSet<(long Ticks, string EntityId)> _waiting = new(TicksThenId.Instance);
    private readonly SortedSet<(long Ticks, string EntityId)> _openWindows = new(TicksThenId.Instance);
    private long _closedIndex = long.MinValue;

    /// <summary>Creates the state of a loan partition just assigned.</summary>
    public LoanPartitionDispatch(int customerPartitions, int loanPartitions, LoanSettings settings)
        : this(new MerchantPartitionWatermarks(customerPartitions), new MerchantPartitionWatermarks(loanPartitions), settings)
    {
    }

    private LoanPartitionDispatch(MerchantPartitionWatermarks applications, MerchantPartitionWatermarks partials, LoanSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Applications = applications;
        Partials = partials;
        _windowTicks = settings.WindowSize.Ticks;
    }

    /// <summary>The watermark over the customer partitions (sources of applications).</summary>
    public MerchantPartitionWatermarks Applications { get; }

    /// <summary>The watermark over the loan partitions (sources of partials).</summary>
    public MerchantPartitionWatermarks Partials { get; }

    /// <summary>Devices with applications waiting, counted once per application.</summary>
    public int WaitingCount => _waiting.Count;

    /// <summary>An application arrived for device entity <paramref name="entityId"/>; the change of the first watermark.</summary>
    public PartitionWatermarkChange OnApplication(LoanForward application, string entityId)
    {
        ArgumentNullException.ThrowIfNull(application);
        var change = Applications.OnData(application.SourcePartition, application.SourceWatermark);
        if (application.EventTime > Applications.Current && application.EventTime > application.SourceWatermark)
        {
            _waiting.Add((application.EventTime.Ticks, entityId));
        }

        return change;
    }

    /// <summary>The devices whose waiting applications the first watermark reached (each once), forgotten here.</summary>
    public IReadOnlyList<string> TakeDueDevices() => Take(_waiting, Applications.Current.Ticks);

    /// <summary>Every device with waiting applications (every customer partition is idle), forgotten here.</summary>
    public IReadOnlyList<string> TakeAllDevices() => Take(_waiting, long.MaxValue);

    /// <summary>A partial arrived for aggregate entity <paramref name="entityId"/>; the change of the second watermark.</summary>
    public PartitionWatermarkChange OnPartial(int source, EventTime windowStart, string entityId)
    {
        // A partial does not move the watermark (its source announces that after its last partial of the window), but it
        // brings an idle source back: the source holds the watermark again from what it announced last.
        var change = Partials.IsIdle(source) ? Partials.OnData(source, Partials.SourceWatermark(source)) : PartitionWatermarkChange.None;
        _openWindows.Add((windowStart.Ticks + _windowTicks, entityId));
        return change;
    }

    /// <summary>
    /// The aggregates with windows ending at or before the second watermark (each once), forgotten here; empty unless
    /// the watermark crossed a window boundary since the last call.
    /// </summary>
    public IReadOnlyList<string> TakeClosingAggregates()
    {
        var watermark = Partials.Current.Ticks;
        var index = (watermark / _windowTicks) - ((watermark % _windowTicks) < 0 ? 1 : 0);
        if (index <= _closedIndex)
        {
            return [];
        }

        _closedIndex = index;
        return Take(_openWindows, watermark);
    }

    /// <summary>Every aggregate with open windows (every loan partition is idle), forgotten here.</summary>
    public IReadOnlyList<string> TakeAllAggregates() => Take(_openWindows, long.MaxValue);

    /// <summary>Writes a versioned binary snapshot.</summary>
    public void Write(IBufferWriter<byte> buffer)
    {
        var writer = new SnapshotWriter(buffer);
        writer.WriteByte(SnapshotVersion);
        writer.WriteInt64(_closedIndex);
        WriteSet(writer, _waiting);
        WriteSet(writer, _openWindows);
        Applications.Write(buffer);
        Partials.Write(buffer);
    }

    /// <summary>Restores a state written by <see cref="Write"/> for the given partition counts.</summary>
    /// <exception cref="InvalidDataException">The data is not a valid snapshot of this version.</exception>
    public static LoanPartitionDispatch Read(ReadOnlySpan<byte> snapshot, int customerPartitions, int loanPartitions, LoanSettings settings)
    {
        var reader = new SnapshotReader(snapshot, nameof(LoanPartitionDispatch));
        reader.ExpectVersion(SnapshotVersion);
        var closedIndex = reader.ReadInt64();
        var waiting = ReadSet(ref reader);
        var openWindows = ReadSet(ref reader);
        var rest = snapshot[reader.Position..];
        var applicationsLength = MerchantPartitionWatermarks.SnapshotLength(rest);
        var applications = MerchantPartitionWatermarks.Read(rest[..applicationsLength], customerPartitions);
        var partials = MerchantPartitionWatermarks.Read(rest[applicationsLength..], loanPartitions);
        var state = new LoanPartitionDispatch(applications, partials, settings) { _closedIndex = closedIndex };
        state._waiting.UnionWith(waiting);
        state._openWindows.UnionWith(openWindows);
        return state;
    }

    private static List<string> Take(SortedSet<(long Ticks, string EntityId)> set, long through)
    {
        var taken = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (set.Count > 0 && set.Min.Ticks <= through)
        {
            var first = set.Min;
            set.Remove(first);
            if (seen.Add(first.EntityId))
            {
                taken.Add(first.EntityId);
            }
        }

        return taken;
    }

    private static void WriteSet(SnapshotWriter writer, SortedSet<(long Ticks, string EntityId)> set)
    {
        writer.WriteInt32(set.Count);
        foreach (var (ticks, entityId) in set)
        {
            writer.WriteInt64(ticks);
            writer.WriteString(entityId);
        }
    }

    private static List<(long Ticks, string EntityId)> ReadSet(ref SnapshotReader reader)
    {
        var count = reader.ReadCount(1 << 24);
        var items = new List<(long, string)>(count);
        for (var i = 0; i < count; i++)
        {
            items.Add((reader.ReadInt64(), reader.ReadRequiredString()));
        }

        return items;
    }

    private sealed class TicksThenId : IComparer<(long Ticks, string EntityId)>
    {
        public static readonly TicksThenId Instance = new();

        public int Compare((long Ticks, string EntityId) x, (long Ticks, string EntityId) y)
        {
            var byTicks = x.Ticks.CompareTo(y.Ticks);
            return byTicks != 0 ? byTicks : string.CompareOrdinal(x.EntityId, y.EntityId);
        }
    }
}
