using ActorStreams.TestKit;

namespace ActorStreams.Actors.Tests;

[Trait("Category", "Unit")]
public sealed class MailboxTests : ActorSpec
{
    [Fact]
    public void BoundedMailbox_Overflow_GoesToDeadLettersWithCountAndEvent()
    {
        var deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));
        var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new GatedActor(TestActor)).WithBoundedMailbox(3));
        actor.Tell(gate);
        ExpectMsg("blocked");
        var before = Sys.DeadLetterCount;

        for (var i = 0; i < 5; i++)
        {
            actor.Tell(i);
        }

        Assert.Equal(2, Sys.DeadLetterCount - before);
        var letters = deadLetters.ReceiveN(2).Cast<DeadLetter>().ToList();
        Assert.All(letters, l => Assert.Equal(DeadLetterReason.MailboxFull, l.Reason));
        Assert.Equal([3, 4], letters.Select(l => l.Message));
        gate.Set();
        Assert.Equal([0, 1, 2], ReceiveN(3));
    }

    [Fact]
    public void BoundedMailbox_TryTell_ReturnsFalseWhenFullWithoutDeadLetter()
    {
        var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new GatedActor(TestActor)).WithBoundedMailbox(1));
        actor.Tell(gate);
        ExpectMsg("blocked");
        var before = Sys.DeadLetterCount;

        Assert.True(actor.TryTell(1));
        Assert.False(actor.TryTell(2));

        Assert.Equal(before, Sys.DeadLetterCount);
        gate.Set();
        ExpectMsg(1);
        Assert.True(actor.TryTell(3));
        ExpectMsg(3);
    }

    [Fact]
    public void TryTell_StoppedActor_ReturnsFalse()
    {
        var actor = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);

        Assert.False(actor.TryTell("late"));
    }

    [Fact]
    public void UnboundedMailbox_ManySenders_PreservesOrderPerSender()
    {
        const int senders = 4;
        const int perSender = 20_000;
        var actor = Sys.ActorOf(Props.Create(() => new OrderCheckingActor(senders, perSender, TestActor)));

        var threads = Enumerable.Range(0, senders).Select(s => new Thread(() =>
        {
            for (var i = 0; i < perSender; i++)
            {
                actor.Tell(new Numbered(s, i));
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        ExpectMsg("all in order", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Dispatch_ManyActorsAndSenders_NoMessageIsStranded()
    {
        // Lost wake-ups would leave messages in mailboxes: every reply must arrive.
        var sys = ActorSystem.Create("wakeups", new ActorSystemSettings { Throughput = 1 });
        try
        {
            var actors = Enumerable.Range(0, 50).Select(_ => sys.ActorOf(Props.Create<EchoActor>())).ToArray();
            var tasks = Enumerable.Range(0, 4).Select(t => Task.Run(async () =>
            {
                for (var round = 0; round < 200; round++)
                {
                    var replies = actors.Select(a => a.Ask<int>(round, TimeSpan.FromSeconds(10))).ToArray();
                    Assert.Equal(Enumerable.Repeat(round, actors.Length), await Task.WhenAll(replies));
                }
            })).ToArray();

            await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            await sys.Terminate();
        }
    }

    [Fact]
    public void DeadLetters_MessageToStoppedActor_IsCountedAndPublished()
    {
        var deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));
        var actor = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        var before = Sys.DeadLetterCount;

        actor.Tell("late", TestActor);

        var letter = deadLetters.ExpectMsg<DeadLetter>();
        Assert.Equal("late", letter.Message);
        Assert.Same(actor, letter.Recipient);
        Assert.Same(TestActor, letter.Sender);
        Assert.Equal(DeadLetterReason.RecipientTerminated, letter.Reason);
        Assert.Equal(before + 1, Sys.DeadLetterCount);
    }

    [Fact]
    public void DeadLettersRef_Tell_IsCounted()
    {
        var before = Sys.DeadLetterCount;

        Sys.DeadLetters.Tell("nobody");

        Assert.Equal(before + 1, Sys.DeadLetterCount);
    }

    public sealed record Numbered(int Sender, int Sequence);

    public sealed class GatedActor(IActorRef reportTo) : Actor
    {
        protected override void Receive(object message)
        {
            if (message is ManualResetEventSlim gate)
            {
                reportTo.Tell("blocked");
                gate.Wait(TimeSpan.FromSeconds(30));
            }
            else
            {
                reportTo.Tell(message);
            }
        }
    }

    public sealed class OrderCheckingActor(int senders, int perSender, IActorRef reportTo) : Actor
    {
        private readonly int[] _next = new int[senders];
        private int _total;

        protected override void Receive(object message)
        {
            var numbered = (Numbered)message;
            if (_next[numbered.Sender] != numbered.Sequence)
            {
                reportTo.Tell($"out of order: sender {numbered.Sender} expected {_next[numbered.Sender]} got {numbered.Sequence}");
            }

            _next[numbered.Sender] = numbered.Sequence + 1;
            if (++_total == senders * perSender)
            {
                reportTo.Tell("all in order");
            }
        }
    }
}
