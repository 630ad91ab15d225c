using ActorStreams.Kafka.Partitioning;
using ActorStreams.Node.Tests.Support;
using ActorStreams.TestKit;

namespace ActorStreams.Node.Tests.Admin;

/// <summary>
/// Two nodes of one Akka cluster (node-2 joins node-1 as its seed node) sharing the partitions, then a few hundred
/// transactions (customer c has <see cref="TransactionsOf"/>(c)), all processed by the customers and the merchants.
/// Shared by the read-only admin API tests of one class.
/// </summary>
public sealed class TwoNodeClusterFixture : IAsyncLifetime
{
    /// <summary>Customers 1..Customers.</summary>
    public const int Customers = 40;

    /// <summary>Merchants M-0..M-4.</summary>
    public const int Merchants = 5;

    public TestOutputLoggerFactory Logs { get; } = new();

    public TestCluster Cluster { get; private set; } = null!;

    public ActorStreamsNode Node1 => Cluster.Nodes[0];

    public ActorStreamsNode Node2 => Cluster.Nodes[1];

    public static int TransactionsOf(long customer) => 3 + (int)(customer % 9);

    /// <summary>The node owning <paramref name="kind"/> <paramref name="id"/>, and the other one.</summary>
    public (ActorStreamsNode Owner, ActorStreamsNode Other) OwnerOf(string kind, string id)
    {
        var partition = Murmur2Partitioner.Partition(id, TestCluster.Partitions);
        var owner = Cluster.Nodes.Single(n => n.Partitions.Status(kind, partition) is not null);
        return (owner, Cluster.Nodes.Single(n => n != owner));
    }

    public async Task InitializeAsync()
    {
        Cluster = TestCluster.Create(Logs);
        await Cluster.StartNodeAsync("node-1");
        await Cluster.StartNodeAsync("node-2");
        await TestCluster.UntilSplitAsync(Cluster.Nodes, TimeSpan.FromSeconds(60));

        // Produced once the partitions are split: nodes with private in-memory stores hand no state to each other.
        var counts = Enumerable.Range(1, Customers).ToDictionary(c => (long)c, c => TransactionsOf(c));
        await Cluster.ProduceTransactionsAsync(counts);
        var total = counts.Values.Sum();
        // End offsets are the ones each consumer saw last (refreshed every second): a partition has no lag once its end
        // offset covers what it read.
        await Eventually.Until(
            () => Cluster.Nodes.Sum(n => n.EntityMetrics.Transactions) >= total
                && Cluster.Nodes.Sum(n => n.EntityMetrics.MerchantTransactions + n.EntityMetrics.MerchantLateEvents + n.EntityMetrics.MerchantDuplicates) >= total
                && Cluster.Nodes.All(n => n.Status().InFlight == 0 && n.Lag().All(l => l.Lag == 0 && (l.Position is not { } read || l.EndOffset >= read)))
                && Cluster.Nodes.Sum(n => n.ShardMetrics.ActiveEntities) == Customers + Merchants,
            TimeSpan.FromSeconds(60),
            $"both nodes processed the {total} transactions");
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
