using System.Buffers;
using System.Globalization;
using ActorStreams.Domain.Customers;
using ActorStreams.Domain.Internal;
using ActorStreams.Domain.Tests.Reference;
using static ActorStreams.Domain.Tests.TestData;

namespace ActorStreams.Domain.Tests.Customers;

[Trait("Category", "Unit")]
public sealed class RecentIdsTests
{
    private static readonly DuplicateSettings Small = new() { RememberLast = 5, RememberWithin = TimeSpan.FromHours(1) };

    [Fact]
    public void TryAdd_SameIdAgain_IsADuplicateAndCounted()
    {
        var ids = new RecentIds(DuplicateSettings.Default);
        Assert.True(ids.TryAdd(RecentIds.KeyOf("t-1"), At(0)));
        Assert.False(ids.TryAdd(RecentIds.KeyOf("t-1"), At(0)));
        Assert.False(ids.TryAdd(RecentIds.KeyOf("t-1"), At(500)));
        Assert.True(ids.TryAdd(RecentIds.KeyOf("t-2"), At(0)));
        Assert.Equal(2, ids.Duplicates);
        Assert.Equal(2, ids.Count);
    }

    [Fact]
    public void TryAdd_BeyondTheLastNButWithinTheTime_IsStillADuplicate()
    {
        var ids = new RecentIds(Small);
        Assert.True(ids.TryAdd(RecentIds.KeyOf(1), At(0)));
        for (var i = 2; i <= 20; i++)
        {
            Assert.True(ids.TryAdd(RecentIds.KeyOf(i), At(i)));
        }

        // Id 1 left the last five arrivals, but its time is within an hour of the newest (20 s).
        Assert.False(ids.TryAdd(RecentIds.KeyOf(1), At(21)));
    }

    [Fact]
    public void TryAdd_OlderThanTheTimeButAmongTheLastN_IsStillADuplicate()
    {
        var ids = new RecentIds(Small);
        Assert.True(ids.TryAdd(RecentIds.KeyOf(1), At(0)));
        Assert.True(ids.TryAdd(RecentIds.KeyOf(2), At(7200)));
        Assert.False(ids.TryAdd(RecentIds.KeyOf(1), At(0)));
    }

    [Fact]
    public void TryAdd_NeitherAmongTheLastNNorWithinTheTime_IsAcceptedAgain()
    {
        var ids = new RecentIds(Small);
        Assert.True(ids.TryAdd(RecentIds.KeyOf(1), At(0)));
        for (var i = 2; i <= 6; i++)
        {
            Assert.True(ids.TryAdd(RecentIds.KeyOf(i), At(3600 + i)));
        }

        // t_1 = 0 < maxT − 1 h = 6 s, and five newer arrivals pushed it out of the count.
        Assert.True(ids.TryAdd(RecentIds.KeyOf(1), At(10)));
        Assert.Equal(0, ids.Duplicates);
    }

    [Fact]
    public void TryAdd_TheTimeLimitIsInclusive()
    {
        var ids = new RecentIds(Small with { RememberLast = 0 });
        Assert.True(ids.TryAdd(RecentIds.KeyOf(1), At(0)));
        Assert.True(ids.TryAdd(RecentIds.KeyOf(2), At(3600)));
        Assert.False(ids.TryAdd(RecentIds.KeyOf(1), At(0)));
        Assert.True(ids.TryAdd(RecentIds.KeyOf(3), At(3600.001)));
        Assert.True(ids.TryAdd(RecentIds.KeyOf(1), At(0)));
    }

    [Fact]
    public void KeyOf_String_IsStableAcrossRuns()
    {
        // Snapshots hold the keys: the hash must not change between processes or machines.
        Assert.Equal(RecentIds.KeyOf("tx-000001"), RecentIds.KeyOf(new string("tx-000001".ToCharArray())));
        Assert.NotEqual(RecentIds.KeyOf("tx-000001"), RecentIds.KeyOf("tx-000002"));
        Assert.Equal(0x2D06800538D394C2UL, RecentIds.KeyOf(string.Empty));
    }

    [Theory]
    [InlineData(0, 0, 11)]
    [InlineData(5, 1_800, 12)]
    [InlineData(40, 600, 13)]
    [InlineData(1000, 86_400, 14)]
    [InlineData(0, 3_000, 15)]
    [InlineData(3, 0, 16)]
    public void RandomStream_WithSnapshotsOnTheWay_AgreesWithTheNaiveDefinition(int last, int withinSeconds, int seed)
    {
        var settings = new DuplicateSettings { RememberLast = last, RememberWithin = TimeSpan.FromSeconds(withinSeconds) };
        var random = new Random(seed);
        var stream = Enumerable.Range(0, 3000).Select(i => (Id: (long)random.Next(400), Time: At(i * 2 + random.Next(-900, 900)))).ToList();
        var expected = NaiveDuplicates.Mark(stream, s => s.Id.ToString(CultureInfo.InvariantCulture), s => s.Time, last, settings.RememberWithin);
        var ids = new RecentIds(settings);
        for (var i = 0; i < stream.Count; i++)
        {
            Assert.Equal(!expected[i], ids.TryAdd(RecentIds.KeyOf(stream[i].Id), stream[i].Time));
            if (i % 97 == 0)
            {
                ids = RoundTrip(ids, settings);
            }
        }
    }

    [Fact]
    public void Snapshot_KeepsTheCountAndWhatIsRemembered()
    {
        var ids = new RecentIds(Small);
        for (var i = 0; i < 40; i++)
        {
            ids.TryAdd(RecentIds.KeyOf($"t-{i % 30}"), At(i));
        }

        var restored = RoundTrip(ids, Small);
        Assert.Equal(ids.Duplicates, restored.Duplicates);
        Assert.Equal(ids.Count, restored.Count);
        Assert.False(restored.TryAdd(RecentIds.KeyOf("t-0"), At(41)));
    }

    private static RecentIds RoundTrip(RecentIds ids, DuplicateSettings settings)
    {
        var buffer = new ArrayBufferWriter<byte>();
        ids.WriteTo(new SnapshotWriter(buffer));
        var reader = new SnapshotReader(buffer.WrittenSpan, nameof(RecentIds));
        var restored = RecentIds.ReadFrom(ref reader, settings);
        reader.ExpectEnd();
        return restored;
    }
}
