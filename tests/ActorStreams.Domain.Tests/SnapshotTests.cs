using ActorStreams.Domain.Churn;
using ActorStreams.Domain.Enrichment;
using ActorStreams.Domain.Fraud;
using ActorStreams.Domain.Tests.Reference;
using static ActorStreams.Domain.Tests.TestData;

namespace ActorStreams.Domain.Tests;

/// <summary>Each state's own snapshot: version byte first, and write → read → write is byte-identical.</summary>
[Trait("Category", "Unit")]
public sealed class SnapshotTests
{
    [Fact]
    public void CustomerFraudState_RoundTrip_IsByteIdentical()
    {
        var state = new CustomerFraudState(FraudRuleSettings.Default);
        foreach (var tx in RandomStreams.Transactions(5, 400, 1))
        {
            state.Apply(tx, T0, []);
        }

        var bytes = Snapshot(state.Write);
        Assert.Equal(CustomerFraudState.SnapshotVersion, bytes[0]);
        var restored = CustomerFraudState.Read(bytes, FraudRuleSettings.Default);
        Assert.Equal(bytes, Snapshot(restored.Write));
        Assert.Equal(state.LateEvents, restored.LateEvents);
        Assert.Equal(state.MaxEventTime, restored.MaxEventTime);
        Assert.Equal(state.RecentDevices.ToArray(), restored.RecentDevices.ToArray());
    }

    [Fact]
    public void CustomerFraudState_SmallerDeviceHistoryOnRestore_KeepsTheMostRecent()
    {
        var state = new CustomerFraudState(FraudRuleSettings.Default);
        for (var d = 1; d <= 10; d++)
        {
            state.Apply(Tx($"t{d}", At(d), device: $"d{d}"), T0, []);
        }

        var restored = CustomerFraudState.Read(Snapshot(state.Write), FraudRuleSettings.Default with { DeviceHistorySize = 3 });
        Assert.Equal(["d10", "d9", "d8"], restored.RecentDevices.ToArray());
    }

    [Fact]
    public void ChurnRfmEnrichment_RoundTrip_AreByteIdentical()
    {
        var churn = new ChurnState(ChurnSettings.Default);
        var rfm = new RfmState(EnrichmentSettings.Default);
        var enrichment = new EnrichmentState(EnrichmentSettings.Default with { ActivityBufferCapacity = 50 });
        var offers = new OfferTable().Add(1, "one");
        enrichment.ApplyDetails(Details(), offers, []);
        var i = 0;
        foreach (var activity in RandomStreams.Activities(6, 120, 1, 3))
        {
            rfm.RecordTransaction(At(i * 40_000), 12.5m);
            var score = churn.Apply(activity, At(i), At(i), []).Score;
            enrichment.ApplyActivity(activity, activity.Timestamp ?? At(i), score, rfm.Compute(At(i * 40_000)), offers);
            i++;
        }

        var churnBytes = Snapshot(churn.Write);
        Assert.Equal(churnBytes, Snapshot(ChurnState.Read(churnBytes, ChurnSettings.Default).Write));
        Assert.Equal(churn.Score, ChurnState.Read(churnBytes, ChurnSettings.Default).Score);

        var rfmBytes = Snapshot(rfm.Write);
        Assert.Equal(rfmBytes, Snapshot(RfmState.Read(rfmBytes, EnrichmentSettings.Default).Write));

        var enrichmentBytes = Snapshot(enrichment.Write);
        var restored = EnrichmentState.Read(enrichmentBytes, EnrichmentSettings.Default with { ActivityBufferCapacity = 50 });
        Assert.Equal(enrichmentBytes, Snapshot(restored.Write));
        Assert.Equal(enrichment.Details, restored.Details);

        var fromOriginal = new List<EnrichedActivity>();
        var fromRestored = new List<EnrichedActivity>();
        enrichment.ApplyDetails(Details(firstName: "Grace"), offers, fromOriginal);
        restored.ApplyDetails(Details(firstName: "Grace"), offers, fromRestored);
        Assert.Equal(50, fromOriginal.Count);
        Assert.Equal(fromOriginal, fromRestored);
    }

    [Fact]
    public void EnrichmentState_SmallerCapacityOnRestore_KeepsTheNewest()
    {
        var state = new EnrichmentState(EnrichmentSettings.Default);
        for (var id = 1; id <= 10; id++)
        {
            state.ApplyActivity(Activity(id, 0.5), At(id), 0.5, RfmFeatures.None, new OfferTable());
        }

        var restored = EnrichmentState.Read(Snapshot(state.Write), EnrichmentSettings.Default with { ActivityBufferCapacity = 4 });
        var output = new List<EnrichedActivity>();
        restored.ApplyDetails(Details(), new OfferTable(), output);
        Assert.Equal([7L, 8L, 9L, 10L], output.Select(r => r.ActivityId));
    }
}
