using ActorStreams.Domain.Enrichment;
using static ActorStreams.Domain.Tests.TestData;

namespace ActorStreams.Domain.Tests.Enrichment;

[Trait("Category", "Unit")]
public sealed class EnrichmentStateTests
{
    private static readonly RfmFeatures Rfm = new(1.5, 3, 42.00m);

    private readonly OfferTable _offers = new OfferTable().Add(1, "Gold card").Add(2, "Loan");
    private readonly List<EnrichedActivity> _output = [];

    [Fact]
    public void ApplyActivity_WithoutDetailsOrOffer_HasNulls()
    {
        var state = new EnrichmentState(EnrichmentSettings.Default);
        var record = state.ApplyActivity(Activity(10, 0.4, offer: 99), At(5), 0.4, Rfm, _offers);

        Assert.Equal(10, record.ActivityId);
        Assert.Equal(1, record.CustomerId);
        Assert.Equal(99, record.OfferId);
        Assert.Null(record.OfferName);
        Assert.Null(record.OfferUrl);
        Assert.Null(record.FirstName);
        Assert.Null(record.Income);
        Assert.Null(record.Fico);
        Assert.Equal(0.4, record.ChurnScore);
        Assert.Equal(At(5), record.EventTime);
        Assert.Equal(1.5, record.RfmRecencyDays);
        Assert.Equal(3, record.RfmFrequency30d);
        Assert.Equal(42.00m, record.RfmMonetary30d);
    }

    [Fact]
    public void ApplyActivity_DetailsBefore_IsJoined()
    {
        var state = new EnrichmentState(EnrichmentSettings.Default);
        Assert.Equal(0, state.ApplyDetails(Details(), _offers, _output));
        Assert.Empty(_output);

        var record = state.ApplyActivity(Activity(10, 0.4, offer: 1), At(5), 0.4, Rfm, _offers);
        Assert.Equal("Ada", record.FirstName);
        Assert.Equal("Lovelace", record.LastName);
        Assert.Equal("ada@example.com", record.Email);
        Assert.Equal("F", record.Gender);
        Assert.Equal(50_000, record.Income);
        Assert.Equal(720, record.Fico);
        Assert.Equal(3, record.YearsActive);
        Assert.Equal("Gold card", record.OfferName);
        Assert.Equal("https://offers.example/1", record.OfferUrl);
    }

    [Fact]
    public void ApplyDetails_AfterActivities_ReEmitsEachWithSameIdAndScore()
    {
        var state = new EnrichmentState(EnrichmentSettings.Default);
        var first = state.ApplyActivity(Activity(10, 0.4, offer: 1), At(5), 0.4, Rfm, _offers);
        var second = state.ApplyActivity(Activity(11, 0.9), At(6), 0.55, RfmFeatures.None, _offers);

        Assert.Equal(2, state.ApplyDetails(Details(), _offers, _output));

        Assert.Equal([10L, 11L], _output.Select(r => r.ActivityId));
        Assert.Equal(first with { FirstName = "Ada", LastName = "Lovelace", Email = "ada@example.com", Gender = "F", Income = 50_000, Fico = 720, YearsActive = 3 }, _output[0]);
        Assert.Equal(0.55, _output[1].ChurnScore);
        Assert.Equal(second.EventTime, _output[1].EventTime);
        Assert.Null(_output[1].RfmRecencyDays);
    }

    [Fact]
    public void ApplyDetails_Updated_ReEmitsWithNewValues()
    {
        var state = new EnrichmentState(EnrichmentSettings.Default);
        state.ApplyDetails(Details(), _offers, _output);
        state.ApplyActivity(Activity(10, 0.4), At(5), 0.4, Rfm, _offers);

        Assert.Equal(1, state.ApplyDetails(Details(income: 70_000), _offers, _output));
        Assert.Equal(70_000, Assert.Single(_output).Income);
    }

    [Fact]
    public void ApplyDetails_IdenticalReDelivery_EmitsNothing()
    {
        var state = new EnrichmentState(EnrichmentSettings.Default);
        state.ApplyDetails(Details(), _offers, _output);
        state.ApplyActivity(Activity(10, 0.4), At(5), 0.4, Rfm, _offers);

        Assert.Equal(0, state.ApplyDetails(Details(), _offers, _output));
        Assert.Empty(_output);
    }

    [Fact]
    public void RemoveDetails_ReEmitsWithNullDetails()
    {
        var state = new EnrichmentState(EnrichmentSettings.Default);
        state.ApplyDetails(Details(), _offers, _output);
        state.ApplyActivity(Activity(10, 0.4), At(5), 0.4, Rfm, _offers);

        Assert.Equal(1, state.RemoveDetails(_offers, _output));
        Assert.Null(Assert.Single(_output).FirstName);
        Assert.Null(state.Details);
        Assert.Equal(0, state.RemoveDetails(_offers, _output));
    }

    [Fact]
    public void ReEmission_LooksUpTheOfferTableAtThatMoment()
    {
        var offers = new OfferTable();
        var state = new EnrichmentState(EnrichmentSettings.Default);
        Assert.Null(state.ApplyActivity(Activity(10, 0.4, offer: 5), At(5), 0.4, Rfm, offers).OfferName);

        offers.Add(5, "Late offer");
        state.ApplyDetails(Details(), offers, _output);
        Assert.Equal("Late offer", Assert.Single(_output).OfferName);
    }

    [Fact]
    public void Buffer_BeyondCapacity_EvictsTheOldest()
    {
        var state = new EnrichmentState(EnrichmentSettings.Default with { ActivityBufferCapacity = 3 });
        for (var id = 1; id <= 5; id++)
        {
            state.ApplyActivity(Activity(id, 0.1), At(id), 0.1, Rfm, _offers);
        }

        Assert.Equal(3, state.BufferedCount);
        state.ApplyDetails(Details(), _offers, _output);
        Assert.Equal([3L, 4L, 5L], _output.Select(r => r.ActivityId));
    }

    [Fact]
    public void Buffer_DefaultCapacity_IsOneThousand()
    {
        var state = new EnrichmentState(EnrichmentSettings.Default);
        for (var id = 1; id <= 1005; id++)
        {
            state.ApplyActivity(Activity(id, 0.1), At(id), 0.1, Rfm, _offers);
        }

        Assert.Equal(1000, state.BufferedCount);
        state.ApplyDetails(Details(), _offers, _output);
        Assert.Equal(6, _output[0].ActivityId);
        Assert.Equal(1005, _output[^1].ActivityId);
    }
}
