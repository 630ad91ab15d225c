using ActorStreams.Domain.Behaviour;
using ActorStreams.Domain.Funnel;
using ActorStreams.Domain.Merchants;

namespace ActorStreams.Domain.Tests.Funnel;

[Trait("Category", "Unit")]
public sealed class FunnelWindowStateTests
{
    private static readonly EventTime Minute17 = EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 11, 22, 5, 17, 0, TimeSpan.Zero));
    private static readonly EventTime Minute18 = Minute17 + TimeSpan.FromMinutes(1);

    private readonly FunnelWindowState _state = new(MerchantWindowSettings.Default);
    private readonly List<FunnelMetric> _funnel = [];
    private readonly List<ChurnSegmentMetric> _segments = [];
    private long _offset;

    [Fact]
    public void Advance_OneWindow_CountsEventsDistinctCustomersRevenueAndRatios()
    {
        Add(CustomerEventType.View, customer: 1, product: "p1");
        Add(CustomerEventType.View, customer: 1, product: "p1");
        Add(CustomerEventType.View, customer: 2, product: "p2");
        Add(CustomerEventType.View, customer: 3, product: "p2");
        Add(CustomerEventType.AddToCart, customer: 1, product: "p1");
        Add(CustomerEventType.AddToCart, customer: 1, product: "p1");
        Add(CustomerEventType.AddToCart, customer: 2, product: "p2");
        Add(CustomerEventType.RemoveFromCart, customer: 2, product: "p2");
        Add(CustomerEventType.Purchase, customer: 1, product: "p1", price: 19.99m, quantity: 3);
        Add(CustomerEventType.Purchase, customer: 4, product: "p3", price: 0.01m, quantity: 1);

        Assert.Equal(1, _state.Advance(Minute18, _funnel, _segments));

        var metric = Assert.Single(_funnel);
        Assert.Equal("books:2026-11-22T05:17:00.000Z", metric.MetricId);
        Assert.Equal("books", metric.Category);
        Assert.Equal(Minute17, metric.WindowStart);
        Assert.Equal(Minute18, metric.WindowEnd);
        Assert.Equal((4L, 3L, 1L, 2L), (metric.Views, metric.AddToCarts, metric.RemoveFromCarts, metric.Purchases));
        Assert.Equal((3L, 2L, 2L), (metric.Viewers, metric.Carters, metric.Purchasers));
        Assert.Equal(59.98m, metric.Revenue);
        Assert.Equal(2.0 / 3, metric.ViewToCart);
        Assert.Equal(1.0, metric.CartToPurchase);
        Assert.Equal(2.0 / 3, metric.ViewToPurchase);
        Assert.Empty(_segments);
    }

    [Fact]
    public void Advance_NoViewsOrCarts_RatiosAreNull()
    {
        Add(CustomerEventType.Purchase, customer: 1, product: "p1");
        Add(CustomerEventType.RemoveFromCart, customer: 2, product: "p1");

        _state.Advance(Minute18, _funnel, _segments);

        var metric = Assert.Single(_funnel);
        Assert.Null(metric.ViewToCart);
        Assert.Null(metric.CartToPurchase);
        Assert.Null(metric.ViewToPurchase);
        Assert.Empty(metric.TopProductsByConversion);
        Assert.Equal("p1", Assert.Single(metric.TopProductsByRevenue).ProductId);
    }

    [Fact]
    public void Apply_WindowBoundaries_LastTickInsideFirstTickOfNextWindow()
    {
        Add(CustomerEventType.View, time: Minute17);
        Add(CustomerEventType.View, time: Minute18 - TimeSpan.FromTicks(1));
        Add(CustomerEventType.View, time: Minute18);

        Assert.Equal(1, _state.Advance(Minute18 - TimeSpan.FromTicks(1) + TimeSpan.FromTicks(1), _funnel, _segments));
        Assert.Equal(2, Assert.Single(_funnel).Views);
        Assert.Equal(1, _state.OpenWindowCount);

        _state.Advance(Minute18 + TimeSpan.FromMinutes(1) - TimeSpan.FromTicks(1), _funnel, _segments);
        Assert.Single(_funnel);
    }

    [Fact]
    public void Advance_SeveralCategoriesAndWindows_OldestFirstThenCategoryOrdinal()
    {
        Add(CustomerEventType.View, time: Minute18, category: "books");
        Add(CustomerEventType.View, time: Minute17, category: "toys");
        Add(CustomerEventType.View, time: Minute17, category: "Toys");
        Add(CustomerEventType.View, time: Minute17, category: "books");

        _state.Advance(Minute18 + TimeSpan.FromMinutes(1), _funnel, _segments);

        Assert.Equal(
            ["Toys:2026-11-22T05:17:00.000Z", "books:2026-11-22T05:17:00.000Z", "toys:2026-11-22T05:17:00.000Z", "books:2026-11-22T05:18:00.000Z"],
            _funnel.Select(m => m.MetricId));
    }

    [Fact]
    public void Advance_TopProductsByRevenue_RevenueDescendingTiesByProductIdAndFive()
    {
        foreach (var (product, price) in new[] { ("p7", 5m), ("p2", 10m), ("p1", 10m), ("p3", 1m), ("p4", 20m), ("p5", 0.5m), ("p6", 7m) })
        {
            Add(CustomerEventType.Purchase, product: product, price: price);
        }

        Add(CustomerEventType.View, product: "p9");

        _state.Advance(Minute18, _funnel, _segments);

        var top = Assert.Single(_funnel).TopProductsByRevenue;
        Assert.Equal(["p4", "p1", "p2", "p6", "p7"], top.Select(p => p.ProductId));
        Assert.Equal(20m, top[0].Revenue);
    }

    [Fact]
    public void Advance_TopProductsByConversion_ExactRatioThenViewsThenProductId()
    {
        // a: 1/3, b: 2/6 (equal to a, more views), c: 1/1, d: 0/4, e: 1/3 (ties a in ratio and views: by id), f: 2/1, z: a purchase without a view.
        View("a", 3); Buy("a", 1);
        View("b", 6); Buy("b", 2);
        View("c", 1); Buy("c", 1);
        View("d", 4);
        View("e", 3); Buy("e", 1);
        View("f", 1); Buy("f", 2);
        Buy("z", 1);

        _state.Advance(Minute18, _funnel, _segments);

        var top = Assert.Single(_funnel).TopProductsByConversion;
        Assert.Equal(["f", "c", "b", "a", "e"], top.Select(p => p.ProductId));
        Assert.Equal(2.0, top[0].Conversion);
        Assert.Equal(2.0 / 6, top[2].Conversion);

        void View(string product, int count)
        {
            for (var i = 0; i < count; i++)
            {
                Add(CustomerEventType.View, product: product);
            }
        }

        void Buy(string product, int count)
        {
            for (var i = 0; i < count; i++)
            {
                Add(CustomerEventType.Purchase, product: product);
            }
        }
    }

    [Fact]
    public void Apply_WindowEndAtOrBeforeCarriedWatermark_IsLateAndNotCounted()
    {
        Assert.Equal(MerchantApplyResult.Late, _state.Apply(Event(CustomerEventType.View, Minute17, watermark: Minute18)));
        Assert.Equal(MerchantApplyResult.Applied, _state.Apply(Event(CustomerEventType.View, Minute17, watermark: Minute18 - TimeSpan.FromTicks(1))));

        _state.Advance(Minute18, _funnel, _segments);

        Assert.Equal(1, Assert.Single(_funnel).Views);
        Assert.Equal(1, _state.LateEvents);
    }

    [Fact]
    public void Apply_WindowAlreadyClosed_IsLate()
    {
        Add(CustomerEventType.View, time: Minute17);
        _state.Advance(Minute18 + TimeSpan.FromSeconds(5), _funnel, _segments);

        Assert.Equal(MerchantApplyResult.Late, _state.Apply(Event(CustomerEventType.View, Minute17 + TimeSpan.FromSeconds(59))));
        Assert.Equal(MerchantApplyResult.Applied, _state.Apply(Event(CustomerEventType.View, Minute18)));
        Assert.Equal(1, _state.LateEvents);
    }

    [Fact]
    public void FlushAll_EmitsEverythingAndClosesThroughTheLastWindow()
    {
        Add(CustomerEventType.View, time: Minute17);
        Add(CustomerEventType.View, time: Minute18);

        Assert.Equal(2, _state.FlushAll(_funnel, _segments));

        Assert.Equal(Minute18 + TimeSpan.FromMinutes(1), _state.ClosedThrough);
        Assert.Equal(MerchantApplyResult.Late, _state.Apply(Event(CustomerEventType.View, Minute18 + TimeSpan.FromSeconds(30))));
    }

    [Fact]
    public void Apply_ReplayedSourceOffset_IsDuplicateAndNotCounted()
    {
        var first = Event(CustomerEventType.Purchase, Minute17, customer: 1);
        Assert.Equal(MerchantApplyResult.Applied, _state.Apply(first));
        Assert.Equal(MerchantApplyResult.Duplicate, _state.Apply(first));
        Assert.Equal(MerchantApplyResult.Duplicate, _state.Apply(first with { SourceOffset = first.SourceOffset - 1, CustomerId = 2 }));
        Assert.Equal(MerchantApplyResult.Applied, _state.Apply(first with { SourcePartition = 1 }));

        _state.Advance(Minute18, _funnel, _segments);

        Assert.Equal(2, Assert.Single(_funnel).Purchases);
        Assert.Equal(2, _state.Duplicates);
    }

    [Fact]
    public void Advance_Scores_LastScorePerCustomerByEventTimeThenEventIdInBands()
    {
        var t = Minute17 + TimeSpan.FromSeconds(10);
        Score(customer: 1, t, "e1", 0.9);
        Score(customer: 1, t + TimeSpan.FromSeconds(1), "e0", 0.1); // later in event time: low
        Score(customer: 2, t, "b", 0.5);
        Score(customer: 2, t, "a", 0.95); // same time, smaller id: earlier, so 0.5 stays: medium
        Score(customer: 3, t - TimeSpan.FromSeconds(5), "z", 0.7); // exactly the threshold: high
        Score(customer: 4, t, "x", 0.35); // exactly half: medium
        Score(customer: 5, t, "y", 0.3499, version: "v2");

        Assert.Equal(1, _state.Advance(Minute18, _funnel, _segments));

        var segment = Assert.Single(_segments);
        Assert.Empty(_funnel);
        Assert.Equal("segments:2026-11-22T05:17:00.000Z", segment.MetricId);
        Assert.Equal((5L, 1L, 2L, 2L), (segment.Scored, segment.High, segment.Medium, segment.Low));
        Assert.Equal("v1", segment.ModelVersion); // customer 1's at t + 1 s is the window's last
        Assert.Equal(["v1", "v2"], segment.ModelVersions);
        Assert.Equal(0.7, segment.Threshold);
    }

    [Fact]
    public void Apply_LateScore_IsCountedAndLeftOut()
    {
        Score(customer: 1, Minute17, "e", 0.9, watermark: Minute18);

        Assert.Equal(0, _state.Advance(Minute18, _funnel, _segments));
        Assert.Equal(1, _state.LateScores);
    }

    [Fact]
    public void Read_WrittenState_RoundTripsOpenWindowsCountersAndOffsets()
    {
        Add(CustomerEventType.View, customer: 1, product: "p1");
        Add(CustomerEventType.AddToCart, customer: 1, product: "p1");
        Add(CustomerEventType.Purchase, customer: 1, product: "p1", price: 2.50m, quantity: 2);
        Add(CustomerEventType.View, time: Minute18, category: "toys");
        Score(customer: 7, Minute17, "s", 0.8);
        _state.Apply(Event(CustomerEventType.View, Minute17, watermark: Minute18));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        _state.Write(buffer);

        var restored = FunnelWindowState.Read(buffer.WrittenSpan, MerchantWindowSettings.Default);
        var replay = Event(CustomerEventType.View, Minute17) with { SourceOffset = 1 };
        Assert.Equal(MerchantApplyResult.Duplicate, restored.Apply(replay));
        var funnel = new List<FunnelMetric>();
        var segments = new List<ChurnSegmentMetric>();
        restored.FlushAll(funnel, segments);
        _state.FlushAll(_funnel, _segments);

        Assert.Equal(1, restored.LateEvents);
        Assert.Equal(_funnel.Select(Describe), funnel.Select(Describe));
        Assert.Equal(_segments, segments, (a, b) => a.MetricId == b.MetricId && a.High == b.High && a.ModelVersion == b.ModelVersion);
    }

    private static string Describe(FunnelMetric m) =>
        $"{m.MetricId} {m.Views} {m.AddToCarts} {m.Purchases} {m.Viewers} {m.Carters} {m.Purchasers} {m.Revenue} " +
        string.Join(",", m.TopProductsByRevenue.Select(p => $"{p.ProductId}/{p.Views}/{p.Purchases}/{p.Revenue}"));

    private void Add(CustomerEventType type, long customer = 1, string product = "p1", decimal price = 10m, int quantity = 1, EventTime? time = null, string category = "books") =>
        Assert.Equal(MerchantApplyResult.Applied, _state.Apply(Event(type, time ?? Minute17 + TimeSpan.FromSeconds(30), customer, product, price, quantity, category)));

    private void Score(long customer, EventTime time, string eventId, double score, string version = "v1", EventTime? watermark = null) =>
        _state.Apply(new FunnelScore
        {
            EventId = eventId,
            CustomerId = customer,
            EventTime = time,
            Score = score,
            Threshold = 0.7,
            ModelVersion = version,
            SourcePartition = 0,
            SourceOffset = ++_offset,
            SourceWatermark = watermark ?? EventTime.MinValue,
        });

    private FunnelEvent Event(
        CustomerEventType type, EventTime time, long customer = 1, string product = "p1", decimal price = 10m, int quantity = 1, string category = "books", EventTime? watermark = null) => new()
        {
            EventId = $"e-{_offset + 1}",
            CustomerId = customer,
            Category = category,
            ProductId = product,
            Type = type,
            Price = price,
            Quantity = quantity,
            EventTime = time,
            SourcePartition = 0,
            SourceOffset = ++_offset,
            SourceWatermark = watermark ?? EventTime.MinValue,
        };
}
