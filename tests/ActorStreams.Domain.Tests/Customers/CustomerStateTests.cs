using System.Buffers;
using ActorStreams.Domain.Churn;
using ActorStreams.Domain.Customers;
using ActorStreams.Domain.Enrichment;
using ActorStreams.Domain.Events;
using ActorStreams.Domain.Fraud;
using ActorStreams.Domain.Tests.Reference;
using static ActorStreams.Domain.Tests.TestData;

namespace ActorStreams.Domain.Tests.Customers;

[Trait("Category", "Unit")]
public sealed class CustomerStateTests
{
    private const int Customers = 30;
    private const int Offers = 8;

    [Fact]
    public void ApplyActivity_AddsRfmAsOfTheActivity()
    {
        var state = new CustomerState(new CustomerId(1), CustomerStateSettings.Default);
        var alerts = new List<FraudAlert>();
        state.ApplyTransaction(Tx("t1", At(0), 10.00m), At(0), alerts);
        state.ApplyTransaction(Tx("t2", At(3600), 15.50m), At(0), alerts);

        var record = state.ApplyActivity(Activity(1, 0.2), At(3600 + 43_200), At(0), new OfferTable(), []);

        Assert.Equal(0.5, record.RfmRecencyDays);
        Assert.Equal(2, record.RfmFrequency30d);
        Assert.Equal(25.50m, record.RfmMonetary30d);
        Assert.Equal(0.2, record.ChurnScore);
    }

    [Fact]
    public void Apply_RecordOfAnotherCustomer_Throws()
    {
        var state = new CustomerState(new CustomerId(1), CustomerStateSettings.Default);
        Assert.Throws<ArgumentException>(() => state.ApplyTransaction(Tx("t1", At(0), customer: 2), At(0), []));
        Assert.Throws<ArgumentException>(() => state.ApplyDetails(Details(customer: 2), new OfferTable(), []));
    }

    [Fact]
    public void MixedStream_LatestEnrichedRecordPerActivity_IsTheLeftJoin()
    {
        var events = MixedStream(21, 8000);
        var output = Process(events, snapshotRate: 0);

        var latest = new Dictionary<long, EnrichedActivity>();
        foreach (var record in output.Enriched)
        {
            latest[record.ActivityId] = record;
        }

        var finalDetails = new Dictionary<long, CustomerDetails>();
        foreach (var e in events.Where(e => e.Details is not null))
        {
            finalDetails[e.Details!.CustomerId.Value] = e.Details;
        }

        var offers = OfferTable();
        var activities = events.Where(e => e.Activity is not null).ToList();
        var scores = activities
            .GroupBy(e => e.Activity!.CustomerId.Value)
            .SelectMany(g => g.Zip(NaiveChurn.Run(g.Select(e => e.Activity!).ToList()).Scores))
            .ToDictionary(p => p.First.Activity!.ActivityId.Value, p => p.Second);
        Assert.Equal(activities.Count, latest.Count);
        foreach (var e in activities)
        {
            var activity = e.Activity!;
            var record = latest[activity.ActivityId.Value];
            var details = finalDetails.GetValueOrDefault(activity.CustomerId.Value);
            CustomerOffer? offer = null;
            if (activity.OfferId is { } id)
            {
                offers.TryGetOffer(id, out offer);
            }

            Assert.Equal(activity.CustomerId.Value, record.CustomerId);
            Assert.Equal(activity.ActivityType, record.ActivityType);
            Assert.Equal(activity.PropensityToChurn, record.PropensityToChurn);
            Assert.Equal(activity.OfferId?.Value, record.OfferId);
            Assert.Equal(offer?.OfferName, record.OfferName);
            Assert.Equal(offer?.OfferUrl, record.OfferUrl);
            Assert.Equal(details?.FirstName, record.FirstName);
            Assert.Equal(details?.LastName, record.LastName);
            Assert.Equal(details?.Email, record.Email);
            Assert.Equal(details?.Gender, record.Gender);
            Assert.Equal(details?.Income, record.Income);
            Assert.Equal(details?.Fico, record.Fico);
            Assert.Equal(details?.YearsActive, record.YearsActive);
            Assert.Equal(scores[activity.ActivityId.Value], record.ChurnScore);
            Assert.Equal(activity.Timestamp ?? e.ProcessedAt, record.EventTime);
        }

        var expectedFraud = events.Where(e => e.Transaction is not null)
            .GroupBy(e => e.Transaction!.CustomerId.Value)
            .SelectMany(g => NaiveFraud.Run(g.Select(e => e.Transaction!).ToList()).Alerts)
            .Order(StringComparer.Ordinal);
        Assert.Equal(expectedFraud, output.FraudAlerts.Order(StringComparer.Ordinal));
        Assert.True(output.Enriched.Count > activities.Count, "details never re-emitted anything");
    }

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    public void Snapshot_RestoreAndContinue_EqualsUninterruptedRun(int seed)
    {
        var events = MixedStream(seed, 6000);
        var uninterrupted = Process(events, snapshotRate: 0);
        var restored = Process(events, snapshotRate: 0.3, seed);

        Assert.Equal(uninterrupted.FraudAlerts, restored.FraudAlerts);
        Assert.Equal(uninterrupted.ChurnAlerts, restored.ChurnAlerts);
        Assert.Equal(uninterrupted.Enriched, restored.Enriched);
        Assert.Equal(uninterrupted.FinalSnapshots, restored.FinalSnapshots);
    }

    [Fact]
    public void Read_WrongVersionOrTruncated_ThrowsInvalidData()
    {
        var state = new CustomerState(new CustomerId(1), CustomerStateSettings.Default);
        state.ApplyTransaction(Tx("t1", At(0)), At(0), []);
        var bytes = Snapshot(state.Write);

        var wrongVersion = (byte[])bytes.Clone();
        wrongVersion[0] = 99;
        Assert.Throws<InvalidDataException>(() => CustomerState.Read(wrongVersion, CustomerStateSettings.Default));
        Assert.Throws<InvalidDataException>(() => CustomerState.Read(bytes.AsSpan(0, bytes.Length - 1), CustomerStateSettings.Default));
        Assert.Throws<InvalidDataException>(() => CustomerState.Read([.. bytes, 0], CustomerStateSettings.Default));
        Assert.Throws<InvalidDataException>(() => ChurnState.Read([1, 2], ChurnSettings.Default));
    }

    private static OfferTable OfferTable()
    {
        var table = new OfferTable();
        for (var id = 0; id < Offers; id++)
        {
            table.Add(id, $"offer {id}");
        }

        return table;
    }

    private static List<StreamEvent> MixedStream(int seed, int count)
    {
        var random = new Random(seed);
        var transactions = new Queue<Transaction>(RandomStreams.Transactions(seed, count, Customers));
        var activities = new Queue<CustomerActivity>(RandomStreams.Activities(seed + 1, count / 3, Customers, Offers));
        var events = new List<StreamEvent>();
        var processing = At(0);
        while (transactions.Count > 0 || activities.Count > 0)
        {
            processing += TimeSpan.FromMilliseconds(random.Next(0, 2000));
            var roll = random.NextDouble();
            if (roll < 0.05)
            {
                var customer = 1 + random.Next(Customers);
                events.Add(new StreamEvent(null, null, Details(customer, random.Next(3) switch { 0 => "Ada", 1 => "Grace", _ => "Edsger" }, 1000 * random.Next(40, 42)), processing));
            }
            else if ((roll < 0.35 && activities.Count > 0) || transactions.Count == 0)
            {
                events.Add(new StreamEvent(null, activities.Dequeue(), null, processing));
            }
            else
            {
                events.Add(new StreamEvent(transactions.Dequeue(), null, null, processing));
            }
        }

        return events;
    }

    private static Output Process(List<StreamEvent> events, double snapshotRate, int seed = 0)
    {
        var random = new Random(seed);
        var offers = OfferTable();
        var states = new SortedDictionary<long, CustomerState>();
        var output = new Output([], [], [], []);
        var fraud = new List<FraudAlert>();
        var churn = new List<ChurnAlert>();
        foreach (var e in events)
        {
            var customer = (e.Transaction?.CustomerId ?? e.Activity?.CustomerId ?? e.Details!.CustomerId).Value;
            if (!states.TryGetValue(customer, out var state))
            {
                state = new CustomerState(new CustomerId(customer), CustomerStateSettings.Default);
            }
            else if (random.NextDouble() < snapshotRate)
            {
                var buffer = new ArrayBufferWriter<byte>();
                state.Write(buffer);
                state = CustomerState.Read(buffer.WrittenSpan, CustomerStateSettings.Default);
            }

            states[customer] = state;
            fraud.Clear();
            churn.Clear();
            if (e.Transaction is { } tx)
            {
                state.ApplyTransaction(tx, e.ProcessedAt, fraud);
            }
            else if (e.Activity is { } activity)
            {
                output.Enriched.Add(state.ApplyActivity(activity, activity.Timestamp ?? e.ProcessedAt, e.ProcessedAt, offers, churn));
            }
            else
            {
                state.ApplyDetails(e.Details!, offers, output.Enriched);
            }

            output.FraudAlerts.AddRange(fraud.Select(a => a.AlertId));
            output.ChurnAlerts.AddRange(churn);
        }

        output.FinalSnapshots.AddRange(states.Values.Select(s => Convert.ToBase64String(Snapshot(s.Write))));
        return output;
    }

    private sealed record StreamEvent(Transaction? Transaction, CustomerActivity? Activity, CustomerDetails? Details, EventTime ProcessedAt);

    private sealed record Output(List<string> FraudAlerts, List<ChurnAlert> ChurnAlerts, List<EnrichedActivity> Enriched, List<string> FinalSnapshots);
}
