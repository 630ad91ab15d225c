using System.Buffers;
using ActorStreams.Domain.Behaviour;
using ActorStreams.Domain.Churn;
using ActorStreams.Domain.Customers;
using ActorStreams.Domain.Enrichment;
using ActorStreams.Domain.Events;
using ActorStreams.Domain.Fraud;
using ActorStreams.Domain.Tests.Reference;
using ActorStreams.Domain.Tests.Behaviour;
using static ActorStreams.Domain.Tests.Behaviour.BehaviourEvents;
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
        Assert.True(state.TryApplyTransaction(Tx("t1", At(0), 10.00m), At(0), alerts, out _));
        Assert.True(state.TryApplyTransaction(Tx("t2", At(3600), 15.50m), At(0), alerts, out _));

        Assert.True(state.TryApplyActivity(Activity(1, 0.2), At(3600 + 43_200), At(0), new OfferTable(), [], out var record));

        Assert.Equal(0.5, record.RfmRecencyDays);
        Assert.Equal(2, record.RfmFrequency30d);
        Assert.Equal(25.50m, record.RfmMonetary30d);
        Assert.Equal(0.2, record.ChurnScore);
    }

    [Fact]
    public void DuplicateTransaction_RightAfterItself_ChangesNothingAndFiresNoRule()
    {
        var state = new CustomerState(new CustomerId(1), CustomerStateSettings.Default);
        var alerts = new List<FraudAlert>();
        Assert.True(state.TryApplyTransaction(Tx("t1", At(0)), At(0), alerts, out _));
        Assert.True(state.TryApplyTransaction(Tx("t2", At(1)), At(0), alerts, out _));
        var before = Snapshot(state.Write);

        // A producer's retry of t2: without duplicate detection it would be the third transaction in 5 s (RAPID_FIRE).
        Assert.False(state.TryApplyTransaction(Tx("t2", At(1)), At(0), alerts, out _));

        Assert.Empty(alerts);
        Assert.Equal(1, state.DuplicateTransactions);
        Assert.Equal(2, state.Fraud.TransactionCount);
        var after = CustomerState.Read(Snapshot(state.Write), CustomerStateSettings.Default);
        Assert.Equal(1, after.DuplicateTransactions);
        Assert.Equal(before.Length, Snapshot(state.Write).Length);
        Assert.True(state.TryApplyTransaction(Tx("t3", At(2)), At(0), alerts, out var third));
        Assert.Equal(FraudRuleSet.RapidFire, third.Fired);
    }

    [Fact]
    public void DuplicateActivity_IsNotScoredTwiceAndYieldsNoRecord()
    {
        var state = new CustomerState(new CustomerId(1), CustomerStateSettings.Default);
        var alerts = new List<ChurnAlert>();
        Assert.True(state.TryApplyActivity(Activity(7, 0.9), At(0), At(0), new OfferTable(), alerts, out _));
        Assert.False(state.TryApplyActivity(Activity(7, 0.9), At(0), At(0), new OfferTable(), alerts, out var record));

        Assert.Null(record);
        Assert.Equal(1, state.Churn.ActivityCount);
        Assert.Equal(1, state.DuplicateActivities);
        Assert.Equal(1, state.Enrichment.BufferedCount);
    }

    [Fact]
    public void DuplicateLoanApplication_IsNotScoredTwice()
    {
        var state = new CustomerState(new CustomerId(1), CustomerStateSettings.Default);
        var alerts = new List<ActorStreams.Domain.Loans.LoanFraudAlert>();
        Assert.True(state.TryApplyLoanApplication(Loan("a1", T0), T0, alerts, out _));
        Assert.False(state.TryApplyLoanApplication(Loan("a1", T0), T0, alerts, out _));
        Assert.Equal(1, state.Loans.Applications);
        Assert.Equal(1, state.DuplicateLoanApplications);
    }

    [Fact]
    public void Read_Version2Snapshot_RemembersNoIdsYet()
    {
        var state = new CustomerState(new CustomerId(1), CustomerStateSettings.Default);
        Assert.True(state.TryApplyTransaction(Tx("t1", At(0)), At(0), [], out _));
        var bytes = Snapshot(state.Write);

        // Version 2 ended after the loan state: the three id flags (all set here would be longer) and version 4's two
        // behaviour flags are absent.
        var version2 = bytes.AsSpan(0, bytes.Length - ((1 + 8 + 8 + 4 + 16 + 4) + 1 + 1) - 2).ToArray();
        version2[0] = 2;
        var restored = CustomerState.Read(version2, CustomerStateSettings.Default);

        Assert.Equal(1, restored.Fraud.TransactionCount);
        Assert.True(restored.TryApplyTransaction(Tx("t1", At(0)), At(0), [], out _));
    }

    [Fact]
    public void Read_Version3Snapshot_HasNoBehaviourYet()
    {
        var state = new CustomerState(new CustomerId(1), CustomerStateSettings.Default);
        Assert.True(state.TryApplyTransaction(Tx("t1", At(0)), At(0), [], out _));
        var bytes = Snapshot(state.Write);

        // Version 3 ended after the three id sets: version 4's two flags ("no behaviour", "no event ids") are absent.
        var version3 = bytes.AsSpan(0, bytes.Length - 2).ToArray();
        version3[0] = 3;
        var restored = CustomerState.Read(version3, CustomerStateSettings.Default);

        Assert.Null(restored.Behaviour);
        Assert.False(restored.TryApplyTransaction(Tx("t1", At(0)), At(0), [], out _));
    }

    [Fact]
    public void CustomerEvents_DuplicateAndSessionEnd_CountedOnceAndTheEndedSessionNamed()
    {
        var state = new CustomerState(new CustomerId(1), CustomerStateSettings.Default);

        Assert.True(state.TryApplyCustomerEvent(ShopEvent("e1", Minutes(0), CustomerEventType.View), Span<float>.Empty, out var first));
        Assert.False(state.TryApplyCustomerEvent(ShopEvent("e1", Minutes(0), CustomerEventType.View), Span<float>.Empty, out _));
        Assert.True(state.TryApplyCustomerEvent(ShopEvent("e2", Minutes(30), CustomerEventType.View), Span<float>.Empty, out var joined));
        Assert.True(state.TryApplyCustomerEvent(ShopEvent("e3", Minutes(61), CustomerEventType.View), Span<float>.Empty, out var next));

        Assert.Null(first);
        Assert.Null(joined); // exactly 30 minutes after the last event: the same session
        Assert.Equal(Minutes(60) + TimeSpan.FromMilliseconds(1), next); // 31 minutes after it: the session that ended at 30 min, + the gap + 1 ms
        Assert.Equal(3, state.Behaviour!.EventCount);
        Assert.Equal(1, state.DuplicateCustomerEvents);
        Assert.Equal(2, state.Behaviour.Compute(Minutes(61)).Sessions);
    }

    [Fact]
    public void CustomerEvent_EndingASession_GivesTheFeaturesAsOfTheEndWithoutTheNewEvent()
    {
        var state = new CustomerState(new CustomerId(1), CustomerStateSettings.Default);
        Assert.True(state.TryApplyCustomerEvent(ShopEvent("e1", Minutes(0), CustomerEventType.AddToCart), Span<float>.Empty, out _));
        var features = new float[BehaviourFeatures.VectorLength];

        Assert.True(state.TryApplyCustomerEvent(ShopEvent("e2", Minutes(600), CustomerEventType.Purchase), features, out var endedAt));

        var expected = new float[BehaviourFeatures.VectorLength];
        StateOf(ShopEvent("x", Minutes(0), CustomerEventType.AddToCart)).WriteVector(endedAt!.Value, expected);
        Assert.Equal(expected, features);
        var names = BehaviourFeatures.FeatureNames.ToList();
        Assert.Equal(1, features[names.IndexOf("cart_abandonment_rate")]); // the session is over: its cart was abandoned
        Assert.Equal(1, features[names.IndexOf("sessions")]);
    }

    [Fact]
    public void Snapshot_WithBehaviour_RestoresTheFeaturesAndTheEventIds()
    {
        var state = new CustomerState(new CustomerId(1), CustomerStateSettings.Default);
        Assert.True(state.TryApplyCustomerEvent(ShopEvent("e1", Minutes(0), CustomerEventType.View), Span<float>.Empty, out _));
        Assert.True(state.TryApplyCustomerEvent(ShopEvent("e2", Minutes(90), CustomerEventType.Purchase), Span<float>.Empty, out _));

        var restored = CustomerState.Read(Snapshot(state.Write), CustomerStateSettings.Default);

        Assert.False(restored.TryApplyCustomerEvent(ShopEvent("e2", Minutes(90), CustomerEventType.Purchase), Span<float>.Empty, out _));
        var before = new float[BehaviourFeatures.VectorLength];
        var after = new float[BehaviourFeatures.VectorLength];
        state.Behaviour!.WriteVector(Minutes(120), before);
        restored.Behaviour!.WriteVector(Minutes(120), after);
        Assert.Equal(before, after);
        Assert.Equal(2, restored.Behaviour.Compute(Minutes(120)).Sessions);
    }

    [Fact]
    public void Apply_RecordOfAnotherCustomer_Throws()
    {
        var state = new CustomerState(new CustomerId(1), CustomerStateSettings.Default);
        Assert.Throws<ArgumentException>(() => state.TryApplyTransaction(Tx("t1", At(0), customer: 2), At(0), [], out _));
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
        Assert.True(state.TryApplyTransaction(Tx("t1", At(0)), At(0), [], out _));
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
                state.TryApplyTransaction(tx, e.ProcessedAt, fraud, out _);
            }
            else if (e.Activity is { } activity)
            {
                if (state.TryApplyActivity(activity, activity.Timestamp ?? e.ProcessedAt, e.ProcessedAt, offers, churn, out var enriched))
                {
                    output.Enriched.Add(enriched);
                }
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

    private static CustomerEvent ShopEvent(string id, EventTime time, CustomerEventType type) =>
        BehaviourEvents.Event(time, type, customer: 1) with { EventId = id };
}
