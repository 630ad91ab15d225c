using System.Buffers;
using System.Globalization;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Domain;
using ActorStreams.Domain.Customers;

namespace ActorStreams.Entities.Customers;

/// <summary>Customers: keyed by <c>customer_id</c>, state <see cref="CustomerState"/>.</summary>
internal sealed class CustomerKind(CustomerStateSettings settings) : EntityKind<long, CustomerState>
{
    public const string KindName = "customer";

    public override string Name => KindName;

    public override string FormatId(long id) => id.ToString(CultureInfo.InvariantCulture);

    public override CustomerState Create(long id) => new(new CustomerId(id), settings);

    public override CustomerState Restore(long id, ReadOnlySpan<byte> snapshot) => CustomerState.Read(snapshot, settings);

    public override void Serialize(CustomerState state, IBufferWriter<byte> output) => state.Write(output);
}
