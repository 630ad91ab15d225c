using System.Globalization;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Domain.Merchants;
using ActorStreams.Entities;
using ActorStreams.Entities.Codecs;
using ActorStreams.Entities.Customers;
using ActorStreams.Generator;
using ActorStreams.Kafka.Partitioning;

namespace ActorStreams.Benchmarks;

/// <summary>
/// Generated transactions as the customer pipeline hands them to its entities: generated like <c>bench e2e</c>'s
/// preload, put in the partition murmur2 gives their key, decoded by <see cref="TransactionDecoder"/> and wrapped in a
/// <see cref="ScoreTransaction"/> with the partition's watermark, key and offset. Built before the clock starts.
/// </summary>
internal static class CustomerWorkload
{
    /// <summary>
    /// Event time between two transactions of a customer, on average: that of <c>bench e2e</c>'s default run
    /// (100,000 customers at <c>customers / 2000</c> seconds), so that the fraud windows see as much traffic.
    /// </summary>
    private static readonly TimeSpan CustomerInterval = TimeSpan.FromSeconds(50);

    /// <summary><paramref name="transactions"/> transactions of customers 1 to <paramref name="customers"/> over <paramref name="partitions"/> partitions.</summary>
    public static PartitionWork[] Generate(long transactions, int customers, int partitions)
    {
        var settings = GeneratorSettings.Default with
        {
            Seed = 42,
            Customers = customers,
            Start = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero),
            MeanCustomerInterval = CustomerInterval,
        };
        var parts = Enumerable.Range(0, partitions).Select(p => new Builder(p, EntitiesSettings.Default.Merchant)).ToArray();
        var records = DataGenerator.Open(GeneratorDatasets.Transactions, settings, TimeProvider.System, transactions);
        while (records.MoveNext())
        {
            if (!TransactionDecoder.Shared.TryDecode(records.Value, out var transaction, out var error))
            {
                throw new InvalidOperationException($"generated transaction {records.Position} does not decode: {error}");
            }

            var partition = Murmur2Partitioner.Partition(records.Key, partitions);
            parts[partition].Add(transaction, records.Key.ToArray(), partitions);
        }

        return [.. parts.Select(p => p.Build())];
    }

    private sealed class Builder(int partition, MerchantWindowSettings merchant)
    {
        private readonly CustomerPartitionWatermark _watermark = new(partition, merchant);
        private readonly Dictionary<long, int> _entities = [];
        private readonly List<string> _ids = [];
        private readonly List<int> _order = [];
        private readonly List<object> _payloads = [];

        public void Add(Domain.Events.Transaction transaction, byte[] key, int partitions)
        {
            var customer = transaction.CustomerId.Value;
            if (!_entities.TryGetValue(customer, out var index))
            {
                index = _ids.Count;
                _entities[customer] = index;
                _ids.Add(PartitionEntityIds.ForRecord(customer.ToString(CultureInfo.InvariantCulture), partition, partitions));
            }

            var watermark = _watermark.ObserveRecord(transaction.Timestamp);
            _payloads.Add(new ScoreTransaction(transaction, watermark, key, _order.Count));
            _order.Add(index);
        }

        public PartitionWork Build() => new(partition, [.. _ids], [.. _order], [.. _payloads]);
    }
}
