using ActorStreams.Persistence.Ledger.Internal;
using Akka.Actor;
using Akka.Serialization;

namespace ActorStreams.Persistence.Ledger;

/// <summary>
/// The Akka serializer of <see cref="LedgerCheckpoint"/> and <see cref="LedgerSnapshot"/>: a compact binary form
/// (Akka's default JSON would cost more than the write itself for a checkpoint of thousands of entities). Registered for
/// both types by <see cref="StoreConfiguration"/>.
/// </summary>
public sealed class LedgerSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer's id in Akka's registry.</summary>
    public const int SerializerId = 7401;

    private const string CheckpointManifest = "C";
    private const string SnapshotManifest = "S";

    /// <summary>Created by Akka from the <c>akka.actor.serializers</c> configuration.</summary>
    public LedgerSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <inheritdoc />
    public override int Identifier => SerializerId;

    /// <inheritdoc />
    public override string Manifest(object o) => o switch
    {
        LedgerCheckpoint => CheckpointManifest,
        LedgerSnapshot => SnapshotManifest,
        _ => throw new ArgumentException($"{nameof(LedgerSerializer)} cannot serialize {o?.GetType().FullName ?? "null"}", nameof(o)),
    };

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => obj switch
    {
        LedgerCheckpoint c => LedgerBinary.Write(new LedgerRecord(c.Offsets, c.StreamState, c.Entities, c.WrittenAt, c.Owner, c.Released)),
        LedgerSnapshot s => LedgerBinary.Write(new LedgerRecord(s.Offsets, s.StreamState, s.Entities, s.WrittenAt, s.Owner, s.Released)),
        _ => throw new ArgumentException($"{nameof(LedgerSerializer)} cannot serialize {obj?.GetType().FullName ?? "null"}", nameof(obj)),
    };

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest)
    {
        var (offsets, streamState, entities, writtenAt, owner, released) = LedgerBinary.Read(bytes);
        return manifest switch
        {
            CheckpointManifest => new LedgerCheckpoint(offsets, streamState, entities, writtenAt, owner, released),
            SnapshotManifest => new LedgerSnapshot(offsets, streamState, entities, writtenAt, owner, released),
            _ => throw new InvalidDataException($"unknown ledger manifest \"{manifest}\""),
        };
    }
}
