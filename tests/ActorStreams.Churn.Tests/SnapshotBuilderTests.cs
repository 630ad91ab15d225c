using ActorStreams.Churn.Internal;
using ActorStreams.Domain;
using ActorStreams.Domain.Behaviour;

namespace ActorStreams.Churn.Tests;

/// <summary>Labels and population at the snapshot boundaries (docs/design.md §6, Churn model).</summary>
[Trait("Category", "Unit")]
public sealed class SnapshotBuilderTests
{
    private static readonly EventTime T = EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(30);
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    [Fact]
    public void Test_PurchaseAtTheHorizonsEnd_IsNotChurnedAndOneMillisecondLaterIs()
    {
        var snapshot = Build(
            Purchase(1, T - TimeSpan.FromDays(1)), Purchase(1, T + Horizon),
            Purchase(2, T - TimeSpan.FromDays(1)), Purchase(2, T + Horizon + Ms),
            Purchase(3, T - TimeSpan.FromDays(1)), Purchase(3, T)); // at T: a feature, not a label

        var test = snapshot.Test().ToDictionary(e => e.CustomerId);

        Assert.False(test[1].Churned);
        Assert.True(test[2].Churned);
        Assert.True(test[3].Churned);
        Assert.Equal(0f, test[3].Features[Index("recency_days")]);
    }

    [Fact]
    public void Population_NeedsAPurchaseByTheSnapshotAndAnEventWithin90Days()
    {
        var snapshot = Build(
            View(10, T - TimeSpan.FromDays(1)), // no purchase: out
            Purchase(11, T + Ms), // its first purchase after T: out of the test snapshot
            Purchase(12, T - TimeSpan.FromDays(100)), View(12, T - TimeSpan.FromDays(90)), // last event exactly 90 d before: out
            Purchase(13, T - TimeSpan.FromDays(100)), View(13, T - TimeSpan.FromDays(90) + Ms)); // just within: in

        Assert.Equal([13L], snapshot.Test().Select(e => e.CustomerId));
    }

    [Fact]
    public void Train_UsesOnlyEventsUpToTMinusHorizonAndLabelsFromTheNextHorizon()
    {
        var trainAt = T - Horizon;
        var snapshot = Build(
            Purchase(1, trainAt), Purchase(1, T), // buys again within (T − h, T]: not churned in train
            Purchase(2, trainAt - TimeSpan.FromDays(2)), View(2, trainAt + Ms), Purchase(2, T + Ms)); // buys only after T: churned in train

        var train = snapshot.Train().ToDictionary(e => e.CustomerId);

        Assert.False(train[1].Churned);
        Assert.True(train[2].Churned);
        // The view after the train instant is not in the train features: the newest event is 2 days old.
        Assert.Equal(2f, train[2].Features[Index("days_since_last_event")]);
        Assert.Equal(1f, train[2].Features[Index("frequency_90d")]);
    }

    [Fact]
    public void Snapshot_EventsOutOfTimeOrderInTheFile_StillSplitAtTheInstants()
    {
        var snapshot = Build(Purchase(1, T + TimeSpan.FromDays(5)), Purchase(1, T - TimeSpan.FromDays(5)), View(1, T - TimeSpan.FromDays(1)));

        var test = Assert.Single(snapshot.Test());

        Assert.False(test.Churned);
        Assert.Equal(1f, test.Features[Index("frequency_90d")]);
        Assert.Equal(2f, test.Features[Index("events_90d")]);
    }

    [Fact]
    public void Split_IsSeededAndNearTheFitShare()
    {
        var fit = Enumerable.Range(1, 10_000).Count(id => CustomerSplit.IsFit(id, 42, 0.8));
        var other = Enumerable.Range(1, 10_000).Where(id => CustomerSplit.IsFit(id, 43, 0.8)).ToList();

        Assert.InRange(fit, 7_850, 8_150);
        Assert.NotEqual(Enumerable.Range(1, 10_000).Where(id => CustomerSplit.IsFit(id, 42, 0.8)), other);
        Assert.Equal(other, Enumerable.Range(1, 10_000).Where(id => CustomerSplit.IsFit(id, 43, 0.8)));
    }

    private static SnapshotBuilder Build(params CustomerEvent[] events)
    {
        var builder = new SnapshotBuilder(T, Horizon, TimeSpan.FromDays(90), BehaviourSettings.Default);
        foreach (var e in events)
        {
            builder.Add(e);
        }

        return builder;
    }

    private static int Index(string feature) => BehaviourFeatures.FeatureNames.ToList().IndexOf(feature);

    private static CustomerEvent Purchase(long customer, EventTime time) => Event(customer, time, CustomerEventType.Purchase);

    private static CustomerEvent View(long customer, EventTime time) => Event(customer, time, CustomerEventType.View);

    private static CustomerEvent Event(long customer, EventTime time, CustomerEventType type) => new()
    {
        EventId = $"{customer}-{time.Ticks}",
        CustomerId = new CustomerId(customer),
        SessionId = "s",
        Timestamp = time,
        Type = type,
        ProductId = "p",
        Category = "books",
        Price = 10m,
        Quantity = 1,
        Device = "mobile",
    };
}
