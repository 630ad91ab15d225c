using System.Text;
using ActorStreams.Persistence.Ledger;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorStreams.Persistence.Tests.Ledger;

/// <summary>
/// What the stores a cluster shares (SQLite on one host, PostgreSQL) do beyond <see cref="PartitionLedgerSpec"/>: a
/// second writer of a ledger — a node that lost the partition but still runs — fails on the journal's unique sequence
/// number and stops (fencing), and the journal keeps one linear history.
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

        ExpectMsg<TestLedger.Stopped>(Timeout);
        ExpectTerminated(zombie, Timeout);
        Write(owner, Checkpoint(("transactions", 150)), "owner-2");
        Stop(owner);
        var recovered = Recover(id);
        Assert.Equal(2, recovered.Sequence);
        Assert.Equal(150, recovered.State.Offsets["transactions"]);
        Assert.Equal(["1=owner"], Describe(recovered.State.Entities));
    }

}
