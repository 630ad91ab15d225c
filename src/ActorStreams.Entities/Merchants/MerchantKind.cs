using System.Buffers;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Domain;
using ActorStreams.Domain.Merchants;

namespace ActorStreams.Entities.Merchants;

/// <summary>Merchants: keyed by <c>merchant_id</c>, state <see cref="MerchantWindowState"/>.</summary>
internal sealed class MerchantKind(MerchantWindowSettings settings) : EntityKind<string, MerchantWindowState>
{
    public const string KindName = "merchant";

    public override string Name => KindName;

    public override string FormatId(string id) => id;

    public override MerchantWindowState Create(string id) => new(new MerchantId(id), settings);

    public override MerchantWindowState Restore(string id, ReadOnlySpan<byte> snapshot) => MerchantWindowState.Read(snapshot, settings);

    public override void Serialize(MerchantWindowState state, IBufferWriter<byte> output) => state.Write(output);
}
