using System.Text;
using ActorStreams.Persistence.Ledger;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Xunit.Abstractions;

namespace ActorStreams.Persistence.Tests.Ledger;

/// <summary>
/// What every store must do for a partition ledger (docs/design.md §3), run against each store kind: recover the
/// offsets, stream state and latest entity states from snapshot plus events, and — for the stores a cluster shares —
/// fence off a second writer.
/// </summary>
public abstract class PartitionLedgerSpec(string storeUri, ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(SystemSetup(storeUri), output: output)
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public void NewLedger_Recovers_EmptyAtSequenceZero()
    {
        var recovered = Recover(NewId());

        Assert.Equal(0, recovered.Sequence);
        Assert.Empty(recovered.State.Offsets);
        Assert.Empty(recovered.State.Entities);
        Assert.Null(recovered.State.StreamState);
    }

    [Fact]
    public void Recovery_AfterCheckpoints_HasTheLastOffsetsStreamStateAndEachEntitysLatestState()
    {
        var id = NewId();
        var ledger = Start(id);
        Write(ledger, Checkpoint(("transactions", 10), ("customer-activity", 3)), "w1", ("1", "a1", false), ("2", "b1", true));
        Write(ledger, Checkpoint(("transactions", 25)), "w2", ("1", "a2", false), ("3", "c1", false));
        Stop(ledger);

        var recovered = Recover(id);

        Assert.Equal(2, recovered.Sequence);
        Assert.Equal(new Dictionary<string, long> { ["transactions"] = 25, ["customer-activity"] = 3 }, recovered.State.Offsets);
        Assert.Equal("w2", Encoding.UTF8.GetString(recovered.State.StreamState!));
        Assert.Equal(["1=a2", "2=b1!", "3=c1"], Describe(recovered.State.Entities));
    }

    [Fact]
    public void Recovery_AfterSnapshotsAndLaterCheckpoints_EqualsAReplayOfEveryCheckpoint()
    {
        var id = NewId();
        var ledger = Start(id, new LedgerSettings { SnapshotEvery = 3 });
        for (var i = 1; i <= 8; i++)
        {
            Write(ledger, Checkpoint(("transactions", i * 10)), $"w{i}", ($"{i % 4}", $"v{i}", i % 2 == 0));
        }

        Stop(ledger);

        var recovered = Recover(id, new LedgerSettings { SnapshotEvery = 3 });

        Assert.Equal(8, recovered.Sequence);
        Assert.Equal(80, recovered.State.Offsets["transactions"]);
        Assert.Equal("w8", Encoding.UTF8.GetString(recovered.State.StreamState!));
        Assert.Equal(["0=v8!", "1=v5", "2=v6!", "3=v7"], Describe(recovered.State.Entities));
    }

    [Fact]
    public void Journal_ReplayFilter_IsOff()
    {
        // Akka's default filter drops replayed events of a writer it saw before another one, and a ledger's writer
        // changes every time its partition moves (and moves back): it would recover an older state.
        var plugin = Sys.Settings.Config.GetString("akka.persistence.journal.plugin");

        var mode = Sys.Settings.Config.GetString(plugin + ".replay-filter.mode");

        Assert.Equal("off", mode);
    }

    /// <summary>A persistence id no other test uses (the stores outlive a test).</summary>
    protected static string NewId() => $"customer-partition-{Guid.NewGuid():N}";

    /// <summary>The ledger's system as a node builds it: the store's HOCON and, for SQLite, its connection setup.</summary>
    private static ActorSystemSetup SystemSetup(string storeUri)
    {
        var setup = ActorSystemSetup.Create(BootstrapSetup.Create().WithConfig(SystemConfig(storeUri)));
        return StoreConfiguration.AkkaSetup(StateStoreUri.Locate(storeUri)) is { } store ? setup.And(store) : setup;
    }

    private static Config SystemConfig(string storeUri)
    {
        using var stream = typeof(LedgerSerializer).Assembly.GetManifestResourceStream("ActorStreams.Persistence.reference.conf")!;
        var reference = new StreamReader(stream).ReadToEnd();
        var store = StoreConfiguration.AkkaHocon(StateStoreUri.Locate(storeUri));
        return ConfigurationFactory.ParseString(store + "\n" + reference + "\nakka.loglevel = WARNING")
            .WithFallback(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration);
    }

    protected IActorRef Start(string id, LedgerSettings? settings = null)
    {
        var ledger = Sys.ActorOf(TestLedger.Props(id, TestActor, settings));
        ExpectMsg<TestLedger.Recovered>(Timeout);
        return ledger;
    }

    protected TestLedger.Recovered Recover(string id, LedgerSettings? settings = null)
    {
        var ledger = Sys.ActorOf(TestLedger.Props(id, TestActor, settings));
        var recovered = ExpectMsg<TestLedger.Recovered>(Timeout);
        Stop(ledger);
        return recovered;
    }

    protected void Write(IActorRef ledger, Dictionary<string, long> offsets, string streamState, params (string Id, string State, bool KeepActive)[] entities)
    {
        ledger.Tell(new LedgerCheckpoint(
            offsets,
            Encoding.UTF8.GetBytes(streamState),
            [.. entities.Select(e => new EntityStateRecord(e.Id, Encoding.UTF8.GetBytes(e.State), e.KeepActive))],
            DateTimeOffset.UnixEpoch));
        ExpectMsg<TestLedger.Written>(Timeout);
    }

    protected void Stop(IActorRef ledger)
    {
        Watch(ledger);
        ledger.Tell(PoisonPill.Instance);
        ExpectMsg<TestLedger.Stopped>(Timeout);
        ExpectTerminated(ledger, Timeout);
        Unwatch(ledger);
    }

    protected static Dictionary<string, long> Checkpoint(params (string Topic, long Offset)[] offsets) => Offsets(offsets);

    protected static Dictionary<string, long> Offsets(params (string Topic, long Offset)[] offsets) =>
        offsets.ToDictionary(o => o.Topic, o => o.Offset, StringComparer.Ordinal);

    protected static string[] Describe(IReadOnlyList<EntityStateRecord> entities) =>
        [.. entities.OrderBy(e => e.Id, StringComparer.Ordinal).Select(e => $"{e.Id}={Encoding.UTF8.GetString(e.State)}{(e.KeepActive ? "!" : "")}")];
}
