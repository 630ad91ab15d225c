using System.Text;
using ActorStreams.Persistence.Ledger;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorStreams.Persistence.Tests.Ledger;

/// <summary>
/// What the stores a cluster shares (SQLite on one host, PostgreSQL) do beyond <see cref="PartitionLedgerSpec"/>: a
/// second writer of a ledger — a node that lost the partition but still runs — loses without writing and stops
/// (fencing), whether the sequence number it would write is still stored or was deleted with the events below a
/// snapshot, and the journal keeps one linear history.
/// </summary>
public abstract class SharedStoreLedgerSpec(string storeUri, ITestOutputHelper output) : PartitionLedgerSpec(storeUri, output)
{
    [Fact]
    public void SecondWriterOfTheSameLedger_ItsCheckpointFailsAndItStops_TheHistoryStaysLinear()
    {
        var id = NewId();
        var owner = Start(id);
        var zombie = Start(id);
        Watch(zombie);

        Write(owner, Checkpoint(("transactions", 100)), "owner", ("1", "owner", false));
        zombie.Tell(new LedgerCheckpoint(Offsets(("transactions", 50)), Encoding.UTF8.GetBytes("zombie"), [], DateTimeOffset.UnixEpoch));

        var lost = ExpectMsg<TestLedger.Lost>(Timeout);
        Assert.Contains("sequence number 1", lost.Reason, StringComparison.Ordinal);
        ExpectMsg<TestLedger.Stopped>(Timeout);
        ExpectTerminated(zombie, Timeout);
        Write(owner, Checkpoint(("transactions", 150)), "owner-2");
        Stop(owner);
        var recovered = Recover(id);
        Assert.Equal(2, recovered.Sequence);
        Assert.Equal(150, recovered.State.Offsets["transactions"]);
        Assert.Equal(["1=owner"], Describe(recovered.State.Entities));
    }

    [Fact]
    public void StaleWriterBelowTheNewestSnapshot_LosesWithoutWriting_TheHistoryStaysTheOwners()
    {
        // The new owner writes on and snapshots, and the journal deletes the events below each snapshot: the sequence
        // number the stale writer would write next is no longer stored, so only the read before each write stops it.
        var id = NewId();
        var settings = new LedgerSettings { SnapshotEvery = 2 };
        var stale = Start(id, settings);
        Write(stale, Checkpoint(("transactions", 10)), "stale-1", ("1", "stale", false));
        var owner = Start(id, settings);
        for (var i = 2; i <= 7; i++)
        {
            Write(owner, Checkpoint(("transactions", i * 10)), $"owner-{i}", ("1", $"owner-{i}", false));
        }

        Watch(stale);
        stale.Tell(new LedgerCheckpoint(Offsets(("transactions", 15)), Encoding.UTF8.GetBytes("stale-2"), [new EntityStateRecord("1", Encoding.UTF8.GetBytes("stale-2"), false)], DateTimeOffset.UnixEpoch));

        var lost = ExpectMsg<TestLedger.Lost>(Timeout);
        Assert.Contains("holds sequence number 7", lost.Reason, StringComparison.Ordinal);
        ExpectMsg<TestLedger.Stopped>(Timeout);
        ExpectTerminated(stale, Timeout);
        Write(owner, Checkpoint(("transactions", 80)), "owner-8", ("1", "owner-8", false));
        Stop(owner);
        var recovered = Recover(id, settings);
        Assert.Equal(8, recovered.Sequence);
        Assert.Equal(80, recovered.State.Offsets["transactions"]);
        Assert.Equal(["1=owner-8"], Describe(recovered.State.Entities));
    }
}
