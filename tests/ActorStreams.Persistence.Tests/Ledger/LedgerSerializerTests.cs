using System.Text;
using ActorStreams.Persistence.Ledger;
using Akka.Actor;
using Akka.Configuration;

namespace ActorStreams.Persistence.Tests.Ledger;

[Trait("Category", "Unit")]
public sealed class LedgerSerializerTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("serializer", ConfigurationFactory.ParseString(Reference()));

    [Fact]
    public void Checkpoint_RoundTrip_KeepsEveryField()
    {
        var checkpoint = new LedgerCheckpoint(
            new Dictionary<string, long> { ["transactions"] = 1_234_567_890_123, ["customer-activity"] = 0 },
            [1, 2, 3],
            [new EntityStateRecord("42", Encoding.UTF8.GetBytes("forty-two"), false), new EntityStateRecord("m-é", [], true)],
            new DateTimeOffset(2026, 12, 6, 10, 0, 0, 123, TimeSpan.Zero),
            "akka.tcp://actorstreams@10.0.0.7:4053#-812345",
            Released: true);

        var copy = Assert.IsType<LedgerCheckpoint>(RoundTrip(checkpoint));

        Assert.Equal(checkpoint.Owner, copy.Owner);
        Assert.True(copy.Released);
        Assert.Equal(checkpoint.Offsets, copy.Offsets);
        Assert.Equal(checkpoint.StreamState, copy.StreamState);
        Assert.Equal(checkpoint.WrittenAt, copy.WrittenAt);
        Assert.Equal(checkpoint.Entities.Select(e => (e.Id, Convert.ToHexString(e.State), e.KeepActive)), copy.Entities.Select(e => (e.Id, Convert.ToHexString(e.State), e.KeepActive)));
    }

    [Fact]
    public void Snapshot_WithoutStreamState_RoundTripsToASnapshot()
    {
        var snapshot = new LedgerSnapshot(new Dictionary<string, long>(), null, [], DateTimeOffset.UnixEpoch);

        var copy = Assert.IsType<LedgerSnapshot>(RoundTrip(snapshot));

        Assert.Null(copy.StreamState);
        Assert.Empty(copy.Entities);
        Assert.Null(copy.Owner);
        Assert.False(copy.Released);
    }

    [Fact]
    public void FromBinary_Version1Checkpoint_ReadsWithoutAnOwner()
    {
        // Version 1 (before owners were recorded): version, time, one offset "t" = 5, no stream state, no entities.
        byte[] version1 = [1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, (byte)'t', 5, 0, 0];
        var serializer = new LedgerSerializer((ExtendedActorSystem)_system);

        var checkpoint = Assert.IsType<LedgerCheckpoint>(serializer.FromBinary(version1, "C"));

        Assert.Null(checkpoint.Owner);
        Assert.Equal(5, checkpoint.Offsets["t"]);
        Assert.Null(checkpoint.StreamState);
        Assert.False(checkpoint.Released);
    }

    [Fact]
    public void FromBinary_Version2Checkpoint_ReadsItsOwnerAndNoRelease()
    {
        // Version 2 (owners, no flags): version, time, owner "o", one offset "t" = 5, no stream state, no entities.
        byte[] version2 = [2, 0, 0, 0, 0, 0, 0, 0, 0, 1, (byte)'o', 1, 1, (byte)'t', 5, 0, 0];
        var serializer = new LedgerSerializer((ExtendedActorSystem)_system);

        var checkpoint = Assert.IsType<LedgerCheckpoint>(serializer.FromBinary(version2, "C"));

        Assert.Equal("o", checkpoint.Owner);
        Assert.Equal(5, checkpoint.Offsets["t"]);
        Assert.False(checkpoint.Released);
    }

    [Fact]
    public void Snapshot_OfAStateAfterARelease_KeepsTheRelease()
    {
        var state = new LedgerState();
        state.Apply(new LedgerCheckpoint(new Dictionary<string, long> { ["t"] = 7 }, null, [], DateTimeOffset.UnixEpoch, "a", Released: false));
        state.Apply(new LedgerCheckpoint(new Dictionary<string, long> { ["t"] = 9 }, null, [], DateTimeOffset.UnixEpoch, "a", Released: true));

        var copy = Assert.IsType<LedgerSnapshot>(RoundTrip(state.ToSnapshot()));
        var restored = new LedgerState();
        restored.Restore(copy);

        Assert.True(restored.Released);
        state.Apply(new LedgerCheckpoint(new Dictionary<string, long> { ["t"] = 9 }, null, [], DateTimeOffset.UnixEpoch, "b"));
        Assert.False(state.Released);
    }

    [Fact]
    public void Serialization_OfLedgerTypes_UsesTheLedgerSerializer()
    {
        var serializer = _system.Serialization.FindSerializerForType(typeof(LedgerCheckpoint));

        Assert.IsType<LedgerSerializer>(serializer);
        Assert.IsType<LedgerSerializer>(_system.Serialization.FindSerializerForType(typeof(LedgerSnapshot)));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 9, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 0, 5 })]
    [InlineData(new byte[] { 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0 })]
    public void FromBinary_MalformedBytes_FailsWithInvalidData(byte[] bytes)
    {
        var serializer = new LedgerSerializer((ExtendedActorSystem)_system);

        Assert.Throws<InvalidDataException>(() => serializer.FromBinary(bytes, "C"));
    }

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));

    private object RoundTrip(object value)
    {
        var serializer = (LedgerSerializer)_system.Serialization.FindSerializerFor(value);
        return serializer.FromBinary(serializer.ToBinary(value), serializer.Manifest(value));
    }

    private static string Reference()
    {
        using var stream = typeof(LedgerSerializer).Assembly.GetManifestResourceStream("ActorStreams.Persistence.reference.conf")!;
        return new StreamReader(stream).ReadToEnd();
    }
}
