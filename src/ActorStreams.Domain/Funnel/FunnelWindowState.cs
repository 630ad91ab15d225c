using System.Buffers;
using ActorStreams.Domain.Behaviour;
using ActorStreams.Domain.Internal;
using ActorStreams.Domain.Merchants;

namespace ActorStreams.Domain.Funnel;

/// <summary>
/// The funnel and churn-risk segment windows of one merchant partition (docs/design.md §6, Funnel and segments): the
/// one-minute event-time windows of every category whose key hashes to the partition, and of the churn-model scores when
/// the scores' key does. Windows close as merchant windows do: when the partition's funnel watermark reaches their end
/// (<see cref="Advance"/>) or when every source is idle (<see cref="FlushAll"/>).
/// </summary>
/// <remarks>
/// An event or score is <b>late</b> (counted, not added) when its window end is at or before the funnel watermark its
/// own source carried with it, or at or before the instant through which this partition has closed windows — the merchant
/// rule. Replays after a customer partition's failover are recognised, per source and per kind, by the highest source
/// offset applied.
/// </remarks>
public sealed class FunnelWindowState
{
    /// <summary>The snapshot format version written as the first byte.</summary>
    public const byte SnapshotVersion = 1;

    /// <summary>The length of the top-product lists.</summary>
    public const int TopProducts = 5;

    private readonly long _windowTicks;
    private readonly SortedDictionary<(long Start, string Category), CategoryWindow> _categories = new(WindowKeyComparer.Instance);
    private readonly SortedDictionary<long, SegmentWindow> _segments = [];
    private long[] _eventOffsets = [];
    private long[] _scoreOffsets = [];
    private long _closedThrough = long.MinValue;
    private long _lateEvents;
    private long _lateScores;
    private long _duplicates;

    /// <summary>Creates the state of a partition with no windows.</summary>
    public FunnelWindowState(MerchantWindowSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _windowTicks = settings.WindowSize.Ticks;
    }

    /// <summary>Events that were late.</summary>
    public long LateEvents => _lateEvents;

    /// <summary>Scores that were late.</summary>
    public long LateScores => _lateScores;

    /// <summary>Replayed events and scores ignored.</summary>
    public long Duplicates => _duplicates;

    /// <summary>Category and segment windows open.</summary>
    public int OpenWindowCount => _categories.Count + _segments.Count;

    /// <summary>Windows ending at or before this instant no longer accept events.</summary>
    public EventTime ClosedThrough => new(_closedThrough);

    /// <summary>Adds a forwarded event to its category's window unless it is a replay or late.</summary>
    /// <exception cref="ArgumentException">A negative source partition.</exception>
    public MerchantApplyResult Apply(FunnelEvent funnelEvent)
    {
        ArgumentNullException.ThrowIfNull(funnelEvent);
        var result = Admit(ref _eventOffsets, ref _lateEvents, funnelEvent.SourcePartition, funnelEvent.SourceOffset, funnelEvent.EventTime, funnelEvent.SourceWatermark, out var start);
        if (result != MerchantApplyResult.Applied)
        {
            return result;
        }

        if (!_categories.TryGetValue((start, funnelEvent.Category), out var window))
        {
            window = new CategoryWindow();
            _categories.Add((start, funnelEvent.Category), window);
        }

        window.Add(funnelEvent);
        return MerchantApplyResult.Applied;
    }

    /// <summary>Adds a forwarded score to its segment window unless it is a replay or late.</summary>
    /// <exception cref="ArgumentException">A negative source partition.</exception>
    public MerchantApplyResult Apply(FunnelScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        var result = Admit(ref _scoreOffsets, ref _lateScores, score.SourcePartition, score.SourceOffset, score.EventTime, score.SourceWatermark, out var start);
        if (result != MerchantApplyResult.Applied)
        {
            return result;
        }

        if (!_segments.TryGetValue(start, out var window))
        {
            window = new SegmentWindow();
            _segments.Add(start, window);
        }

        window.Add(new LastScore(score.EventTime.Ticks, score.EventId, score.Score, score.Threshold, score.ModelVersion), score.CustomerId);
        return MerchantApplyResult.Applied;
    }

    /// <summary>Emits, oldest first (then by category, ordinal), every open window whose end is at or before <paramref name="watermark"/>.</summary>
    /// <returns>The number of records appended.</returns>
    public int Advance(EventTime watermark, ICollection<FunnelMetric> funnel, ICollection<ChurnSegmentMetric> segments)
    {
        var emitted = Emit(watermark.Ticks, funnel, segments);
        _closedThrough = Math.Max(_closedThrough, watermark.Ticks);
        return emitted;
    }

    /// <summary>Emits every open window (every upstream source is idle).</summary>
    /// <returns>The number of records appended.</returns>
    public int FlushAll(ICollection<FunnelMetric> funnel, ICollection<ChurnSegmentMetric> segments)
    {
        var lastEnd = long.MinValue;
        foreach (var key in _categories.Keys)
        {
            lastEnd = Math.Max(lastEnd, key.Start + _windowTicks);
        }

        foreach (var start in _segments.Keys)
        {
            lastEnd = Math.Max(lastEnd, start + _windowTicks);
        }

        var emitted = Emit(long.MaxValue, funnel, segments);
        _closedThrough = Math.Max(_closedThrough, lastEnd);
        return emitted;
    }

    /// <summary>Writes a versioned binary snapshot.</summary>
    public void Write(IBufferWriter<byte> buffer)
    {
        var writer = new SnapshotWriter(buffer);
        writer.WriteByte(SnapshotVersion);
        writer.WriteInt64(_closedThrough);
        writer.WriteInt64(_lateEvents);
        writer.WriteInt64(_lateScores);
        writer.WriteInt64(_duplicates);
        WriteOffsets(writer, _eventOffsets);
        WriteOffsets(writer, _scoreOffsets);
        writer.WriteInt32(_categories.Count);
        foreach (var ((start, category), window) in _categories)
        {
            writer.WriteInt64(start);
            writer.WriteString(category);
            window.Write(writer);
        }

        writer.WriteInt32(_segments.Count);
        foreach (var (start, window) in _segments)
        {
            writer.WriteInt64(start);
            window.Write(writer);
        }
    }

    /// <summary>Restores a state written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The data is not a valid snapshot of this version.</exception>
    public static FunnelWindowState Read(ReadOnlySpan<byte> snapshot, MerchantWindowSettings settings)
    {
        var reader = new SnapshotReader(snapshot, nameof(FunnelWindowState));
        reader.ExpectVersion(SnapshotVersion);
        var state = new FunnelWindowState(settings)
        {
            _closedThrough = reader.ReadInt64(),
            _lateEvents = reader.ReadInt64(),
            _lateScores = reader.ReadInt64(),
            _duplicates = reader.ReadInt64(),
        };
        state._eventOffsets = ReadOffsets(ref reader);
        state._scoreOffsets = ReadOffsets(ref reader);
        var categories = reader.ReadCount(1 << 24);
        for (var i = 0; i < categories; i++)
        {
            var start = reader.ReadInt64();
            var category = reader.ReadRequiredString();
            if (!state._categories.TryAdd((start, category), CategoryWindow.Read(ref reader)))
            {
                throw reader.Corrupt("a category window twice");
            }
        }

        var segments = reader.ReadCount(1 << 24);
        for (var i = 0; i < segments; i++)
        {
            var start = reader.ReadInt64();
            if (!state._segments.TryAdd(start, SegmentWindow.Read(ref reader)))
            {
                throw reader.Corrupt("a segment window twice");
            }
        }

        reader.ExpectEnd();
        return state;
    }

    private static void WriteOffsets(SnapshotWriter writer, long[] offsets)
    {
        writer.WriteInt32(offsets.Length);
        foreach (var offset in offsets)
        {
            writer.WriteInt64(offset);
        }
    }

    private static long[] ReadOffsets(ref SnapshotReader reader)
    {
        var count = reader.ReadCount(1 << 20);
        var offsets = new long[count];
        for (var i = 0; i < count; i++)
        {
            offsets[i] = reader.ReadInt64();
        }

        return offsets;
    }

    private MerchantApplyResult Admit(ref long[] offsets, ref long late, int source, long offset, EventTime eventTime, EventTime carried, out long start)
    {
        start = 0;
        if (source < 0)
        {
            throw new ArgumentException($"negative source partition {source}", nameof(source));
        }

        if (source < offsets.Length && offset <= offsets[source])
        {
            _duplicates++;
            return MerchantApplyResult.Duplicate;
        }

        if (source >= offsets.Length)
        {
            var grown = new long[Math.Max(source + 1, offsets.Length * 2)];
            Array.Fill(grown, -1L);
            Array.Copy(offsets, grown, offsets.Length);
            offsets = grown;
        }

        offsets[source] = offset;
        start = eventTime.Floor(TimeSpan.FromTicks(_windowTicks)).Ticks;
        var end = start + _windowTicks;
        if (end <= carried.Ticks || end <= _closedThrough)
        {
            late++;
            return MerchantApplyResult.Late;
        }

        return MerchantApplyResult.Applied;
    }

    private int Emit(long watermark, ICollection<FunnelMetric> funnel, ICollection<ChurnSegmentMetric> segments)
    {
        ArgumentNullException.ThrowIfNull(funnel);
        ArgumentNullException.ThrowIfNull(segments);
        var emitted = 0;
        List<(long, string)>? closedCategories = null;
        foreach (var ((start, category), window) in _categories)
        {
            if (start + _windowTicks > watermark)
            {
                break;
            }

            funnel.Add(window.ToMetric(category, new EventTime(start), new EventTime(start + _windowTicks)));
            (closedCategories ??= []).Add((start, category));
            emitted++;
        }

        List<long>? closedSegments = null;
        foreach (var (start, window) in _segments)
        {
            if (start + _windowTicks > watermark)
            {
                break;
            }

            segments.Add(window.ToMetric(new EventTime(start), new EventTime(start + _windowTicks)));
            (closedSegments ??= []).Add(start);
            emitted++;
        }

        closedCategories?.ForEach(key => _categories.Remove(key));
        closedSegments?.ForEach(key => _segments.Remove(key));
        return emitted;
    }

    /// <summary>Orders category windows by start, then category (ordinal), so that emission order is deterministic.</summary>
    private sealed class WindowKeyComparer : IComparer<(long Start, string Category)>
    {
        public static readonly WindowKeyComparer Instance = new();

        public int Compare((long Start, string Category) x, (long Start, string Category) y)
        {
            var byStart = x.Start.CompareTo(y.Start);
            return byStart != 0 ? byStart : string.CompareOrdinal(x.Category, y.Category);
        }
    }

    private sealed class ProductCounts
    {
        public long Views;
        public long Purchases;
        public decimal Revenue;
    }

    private sealed class CategoryWindow
    {
        private readonly HashSet<long> _viewers = [];
        private readonly HashSet<long> _carters = [];
        private readonly HashSet<long> _purchasers = [];
        private readonly Dictionary<string, ProductCounts> _products = new(StringComparer.Ordinal);
        private long _views;
        private long _addToCarts;
        private long _removeFromCarts;
        private long _purchases;
        private decimal _revenue;

        public void Add(FunnelEvent e)
        {
            var product = Product(e.ProductId);
            switch (e.Type)
            {
                case CustomerEventType.View:
                    _views++;
                    _viewers.Add(e.CustomerId);
                    product.Views++;
                    break;
                case CustomerEventType.AddToCart:
                    _addToCarts++;
                    _carters.Add(e.CustomerId);
                    break;
                case CustomerEventType.RemoveFromCart:
                    _removeFromCarts++;
                    break;
                default:
                    var amount = e.Price * e.Quantity;
                    _purchases++;
                    _purchasers.Add(e.CustomerId);
                    _revenue += amount;
                    product.Purchases++;
                    product.Revenue += amount;
                    break;
            }
        }

        public FunnelMetric ToMetric(string category, EventTime start, EventTime end)
        {
            var products = _products.Select(p => new FunnelProduct { ProductId = p.Key, Views = p.Value.Views, Purchases = p.Value.Purchases, Revenue = p.Value.Revenue }).ToList();
            var byRevenue = products.Where(p => p.Purchases > 0)
                .OrderByDescending(p => p.Revenue).ThenBy(p => p.ProductId, StringComparer.Ordinal).Take(TopProducts).ToList();
            var viewed = products.Where(p => p.Views > 0).ToList();
            viewed.Sort(CompareByConversion);
            return new FunnelMetric
            {
                MetricId = string.Concat(category, ":", start.ToIsoString()),
                Category = category,
                WindowStart = start,
                WindowEnd = end,
                Views = _views,
                AddToCarts = _addToCarts,
                RemoveFromCarts = _removeFromCarts,
                Purchases = _purchases,
                Viewers = _viewers.Count,
                Carters = _carters.Count,
                Purchasers = _purchasers.Count,
                Revenue = _revenue,
                TopProductsByRevenue = byRevenue,
                TopProductsByConversion = viewed.Count > TopProducts ? viewed.GetRange(0, TopProducts) : viewed,
            };
        }

        public void Write(SnapshotWriter writer)
        {
            writer.WriteInt64(_views);
            writer.WriteInt64(_addToCarts);
            writer.WriteInt64(_removeFromCarts);
            writer.WriteInt64(_purchases);
            writer.WriteDecimal(_revenue);
            WriteSet(writer, _viewers);
            WriteSet(writer, _carters);
            WriteSet(writer, _purchasers);
            writer.WriteInt32(_products.Count);
            foreach (var (id, counts) in _products)
            {
                writer.WriteString(id);
                writer.WriteInt64(counts.Views);
                writer.WriteInt64(counts.Purchases);
                writer.WriteDecimal(counts.Revenue);
            }
        }

        public static CategoryWindow Read(ref SnapshotReader reader)
        {
            var window = new CategoryWindow
            {
                _views = reader.ReadInt64(),
                _addToCarts = reader.ReadInt64(),
                _removeFromCarts = reader.ReadInt64(),
                _purchases = reader.ReadInt64(),
                _revenue = reader.ReadDecimal(),
            };
            ReadSet(ref reader, window._viewers);
            ReadSet(ref reader, window._carters);
            ReadSet(ref reader, window._purchasers);
            var products = reader.ReadCount(1 << 24);
            for (var i = 0; i < products; i++)
            {
                var id = reader.ReadRequiredString();
                window._products[id] = new ProductCounts { Views = reader.ReadInt64(), Purchases = reader.ReadInt64(), Revenue = reader.ReadDecimal() };
            }

            return window;
        }

        // Conversion descending (compared exactly, as fractions), then views descending, then product_id ascending.
        private static int CompareByConversion(FunnelProduct x, FunnelProduct y)
        {
            var byConversion = ((Int128)y.Purchases * x.Views).CompareTo((Int128)x.Purchases * y.Views);
            if (byConversion != 0)
            {
                return byConversion;
            }

            var byViews = y.Views.CompareTo(x.Views);
            return byViews != 0 ? byViews : string.CompareOrdinal(x.ProductId, y.ProductId);
        }

        private static void WriteSet(SnapshotWriter writer, HashSet<long> set)
        {
            writer.WriteInt32(set.Count);
            foreach (var id in set)
            {
                writer.WriteInt64(id);
            }
        }

        private static void ReadSet(ref SnapshotReader reader, HashSet<long> set)
        {
            var count = reader.ReadCount(1 << 24);
            for (var i = 0; i < count; i++)
            {
                set.Add(reader.ReadInt64());
            }
        }

        private ProductCounts Product(string productId)
        {
            if (!_products.TryGetValue(productId, out var counts))
            {
                counts = new ProductCounts();
                _products.Add(productId, counts);
            }

            return counts;
        }
    }

    /// <summary>A customer's last score in a window, ordered by (event time, event_id ordinal); a later equal one wins.</summary>
    private sealed record LastScore(long Ticks, string EventId, double Score, double Threshold, string ModelVersion)
    {
        public bool IsAtOrAfter(LastScore other)
        {
            var byTime = Ticks.CompareTo(other.Ticks);
            return byTime != 0 ? byTime > 0 : string.CompareOrdinal(EventId, other.EventId) >= 0;
        }
    }

    private sealed class SegmentWindow
    {
        private readonly Dictionary<long, LastScore> _customers = [];
        private LastScore? _last;

        public void Add(LastScore score, long customerId)
        {
            if (!_customers.TryGetValue(customerId, out var previous) || score.IsAtOrAfter(previous))
            {
                _customers[customerId] = score;
            }

            if (_last is null || score.IsAtOrAfter(_last))
            {
                _last = score;
            }
        }

        public ChurnSegmentMetric ToMetric(EventTime start, EventTime end)
        {
            long high = 0, medium = 0, low = 0;
            var versions = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var score in _customers.Values)
            {
                versions.Add(score.ModelVersion);
                if (score.Score >= score.Threshold)
                {
                    high++;
                }
                else if (score.Score >= score.Threshold / 2)
                {
                    medium++;
                }
                else
                {
                    low++;
                }
            }

            return new ChurnSegmentMetric
            {
                MetricId = string.Concat(ChurnSegmentMetric.IdPrefix, ":", start.ToIsoString()),
                WindowStart = start,
                WindowEnd = end,
                Scored = _customers.Count,
                High = high,
                Medium = medium,
                Low = low,
                Threshold = _last!.Threshold,
                ModelVersion = _last.ModelVersion,
                ModelVersions = [.. versions],
            };
        }

        public void Write(SnapshotWriter writer)
        {
            WriteScore(writer, _last!);
            writer.WriteInt32(_customers.Count);
            foreach (var (customer, score) in _customers)
            {
                writer.WriteInt64(customer);
                WriteScore(writer, score);
            }
        }

        public static SegmentWindow Read(ref SnapshotReader reader)
        {
            var window = new SegmentWindow { _last = ReadScore(ref reader) };
            var count = reader.ReadCount(1 << 24);
            for (var i = 0; i < count; i++)
            {
                window._customers[reader.ReadInt64()] = ReadScore(ref reader);
            }

            return window;
        }

        private static void WriteScore(SnapshotWriter writer, LastScore score)
        {
            writer.WriteInt64(score.Ticks);
            writer.WriteString(score.EventId);
            writer.WriteDouble(score.Score);
            writer.WriteDouble(score.Threshold);
            writer.WriteString(score.ModelVersion);
        }

        private static LastScore ReadScore(ref SnapshotReader reader) =>
            new(reader.ReadInt64(), reader.ReadRequiredString(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadRequiredString());
    }
}
