using System.Globalization;
using System.Text.Json;
using ActorStreams.IntegrationTests.Support;
using ActorStreams.Lake;
using ActorStreams.Node.Tests.Support;
using ActorStreams.TestKit;

namespace ActorStreams.Node.Tests.Lake;

/// <summary>
/// The input of the node-level lake tests and the rows the lake must then hold, computed from the topics as a plain
/// consumer reads them: transactions of several customers in hour 05 (one above HIGH_AMOUNT), one of them sent twice
/// (a duplicate), a record that is not JSON (a dead letter), a transaction of hour 04 sent last (a late event), and
/// activities (one crossing the churn threshold).
/// </summary>
internal static class LakeScenario
{
    /// <summary>The hour of every event but the late one.</summary>
    public static readonly DateTimeOffset Hour5 = new(2026, 11, 22, 5, 0, 0, TimeSpan.Zero);

    /// <summary>The late transaction's id: its event time lies in hour 04.</summary>
    public const string LateTransactionId = "tx-late";

    /// <summary>The datasets the scenario's rows go to, with their expectations (merchant metrics depend on idle timeouts and are left out).</summary>
    public static IReadOnlyList<LakeDataset> Datasets { get; } =
    [
        LakeDataset.Transactions, LakeDataset.CustomerActivity, LakeDataset.FraudAlerts, LakeDataset.ChurnAlerts,
        LakeDataset.EnrichedActivity, LakeDataset.DeadLetters,
    ];

    /// <summary>Produces the input: <paramref name="customers"/> customers with <paramref name="perCustomer"/> transactions each, and the special cases.</summary>
    /// <returns>How many records went to the transactions and the customer-activity topic.</returns>
    public static async Task<(int Transactions, int Activities)> ProduceAsync(TestCluster cluster, int customers, int perCustomer)
    {
        var transactions = new List<(string Key, string Value)>();
        for (var customer = 1; customer <= customers; customer++)
        {
            for (var i = 0; i < perCustomer; i++)
            {
                // Seven minutes apart: no windowed rule fires; customer 2's second payment is a HIGH_AMOUNT (and VELOCITY).
                var amount = customer == 2 && i == 1 ? 2500.25 : 10.5 + i;
                transactions.Add(Transaction($"tx-{customer}-{i}", customer, Hour5.AddMinutes(i * 7).AddSeconds(customer), amount));
            }
        }

        transactions.Add(transactions[0]); // re-sent: the customer already has its id
        transactions.Add(("3", "not JSON {"));
        transactions.Add(Transaction(LateTransactionId, 1, Hour5.AddMinutes(-20), 42.0)); // after customer 1's 05:xx payments
        var activities = Enumerable.Range(1, Math.Min(customers, 3))
            .Select(c => (c.ToString(CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture,
                $$"""{"activity_id":{{100 + c}},"customer_id":{{c}},"activity_type":"web_open","propensity_to_churn":{{(c == 1 ? 0.9 : 0.2)}},"ip_address":"10.0.1.{{c}}","offer_id":null,"timestamp":"{{Hour5.AddMinutes(10 + c):yyyy-MM-dd'T'HH:mm:ss.fff'Z'}}"}""")))
            .ToList();
        await cluster.ProduceAsync(cluster.Kafka.Topics.Transactions, transactions);
        await cluster.ProduceAsync(cluster.Kafka.Topics.CustomerActivity, activities);
        return (transactions.Count, activities.Count);
    }

    /// <summary>Waits until <paramref name="node"/> has consumed and completed every produced input record.</summary>
    public static Task ConsumedAsync(ActorStreamsNode node, TestCluster cluster, (int Transactions, int Activities) produced, TimeSpan timeout) =>
        Eventually.Until(
            () => node.KafkaMetrics.EventsIn(cluster.Kafka.Topics.Transactions) >= produced.Transactions
                && node.KafkaMetrics.EventsIn(cluster.Kafka.Topics.CustomerActivity) >= produced.Activities
                && node.Status().InFlight == 0,
            timeout,
            $"the node consumes the {produced.Transactions} transactions and {produced.Activities} activities");

    /// <summary>
    /// The rows each dataset must hold, from the topics: every valid input record (dead-lettered ones left out, later
    /// copies of an id flagged duplicate) and every output record, with the coordinates of the input record behind it.
    /// </summary>
    public static Dictionary<LakeDataset, List<string>> Expected(TestCluster cluster)
    {
        var topics = cluster.Kafka.Topics;
        var deadLetters = Read(cluster, topics.DeadLetter);
        var rejected = deadLetters.Select(d => (d.Json.GetProperty("source_topic").GetString()!, d.Json.GetProperty("partition").GetInt32(), d.Json.GetProperty("offset").GetInt64()))
            .ToHashSet();
        var (transactions, transactionInputs) = Raw(LakeDataset.Transactions, Read(cluster, topics.Transactions), "transaction_id", r => rejected.Contains((topics.Transactions, r.Partition, r.Offset)));
        var (activities, activityInputs) = Raw(LakeDataset.CustomerActivity, Read(cluster, topics.CustomerActivity), "activity_id", r => rejected.Contains((topics.CustomerActivity, r.Partition, r.Offset)));
        return new()
        {
            [LakeDataset.Transactions] = transactions,
            [LakeDataset.CustomerActivity] = activities,
            [LakeDataset.FraudAlerts] = Outputs(LakeDataset.FraudAlerts, Read(cluster, topics.FraudAlerts), r => transactionInputs[r.Json.GetProperty("transaction_id").GetString()!]),
            [LakeDataset.ChurnAlerts] = Outputs(LakeDataset.ChurnAlerts, Read(cluster, topics.ChurnAlerts), r => activityInputs[r.Json.GetProperty("activity_id").GetRawText()]),
            [LakeDataset.EnrichedActivity] = Outputs(LakeDataset.EnrichedActivity, Read(cluster, topics.EnrichedActivity), r => activityInputs[r.Json.GetProperty("activity_id").GetRawText()]),
            [LakeDataset.DeadLetters] = Outputs(LakeDataset.DeadLetters, deadLetters, r => (r.Json.GetProperty("partition").GetInt32(), r.Json.GetProperty("offset").GetInt64())),
        };
    }

    private static (string Key, string Value) Transaction(string id, int customer, DateTimeOffset time, double amount) =>
        (customer.ToString(CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture,
            $$"""{"transaction_id":"{{id}}","customer_id":{{customer}},"merchant_id":"M-{{customer % 3}}","merchant_category":"grocery","amount":{{amount}},"currency":"EUR","payment_method":"credit_card","device_id":"dev-{{customer}}","ip_address":"10.0.0.{{customer}}","timestamp":"{{time:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}}"}"""));

    /// <summary>A raw dataset's rows (a record is a duplicate when an earlier one of its customer had its id) and where each id's first copy is.</summary>
    private static (List<string> Rows, Dictionary<string, (int, long)> Inputs) Raw(LakeDataset dataset, List<Record> records, string id, Func<Record, bool> rejected)
    {
        var rows = new List<string>();
        var inputs = new Dictionary<string, (int, long)>(StringComparer.Ordinal);
        var seen = new HashSet<(string Customer, string Id)>();
        foreach (var record in records.Where(r => !rejected(r)).OrderBy(r => r.Partition).ThenBy(r => r.Offset))
        {
            var key = record.Json.GetProperty(id).ValueKind == JsonValueKind.String ? record.Json.GetProperty(id).GetString()! : record.Json.GetProperty(id).GetRawText();
            var duplicate = !seen.Add((record.Json.GetProperty("customer_id").GetRawText(), key));
            if (!duplicate)
            {
                inputs[key] = (record.Partition, record.Offset);
            }

            rows.Add(LakeRowText.FromTopic(dataset, record.Json, record.Partition, record.Offset, duplicate));
        }

        return (rows, inputs);
    }

    private static List<string> Outputs(LakeDataset dataset, List<Record> records, Func<Record, (int Partition, long Offset)> input) =>
        [.. records.Select(r =>
        {
            var (partition, offset) = input(r);
            return LakeRowText.FromTopic(dataset, r.Json, partition, offset, duplicate: false);
        })];

    private static List<Record> Read(TestCluster cluster, string topic) =>
        [.. TopicReader.ReadToEnd(cluster.Kafka.BootstrapServers, topic, TestCluster.Partitions, TimeSpan.FromSeconds(30)).Records
            .Where(r => r.Value is not null)
            .Select(r => new Record(r.Partition, r.Offset, r.Value![0] == (byte)'{' ? JsonDocument.Parse(r.Value).RootElement.Clone() : default))];

    /// <summary>A topic record's coordinates and its JSON value (undefined when the value is not JSON).</summary>
    private readonly record struct Record(int Partition, long Offset, JsonElement Json);
}
