using Akka.Actor;

namespace ActorStreams.Benchmarks;

/// <summary>The plain Akka.NET baselines of <c>bench actors</c>, each run on a fresh local actor system with Akka's defaults.</summary>
internal static class PlainCases
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Ping-pong between <paramref name="pairs"/> pairs of actors, one ball in flight per pair; a ping and its pong count as 2 messages.</summary>
    public static async Task<Measurement> PingPongAsync(int pairs, long totalMessages, CancellationToken cancellationToken)
    {
        var system = BenchmarkCluster.Plain();
        try
        {
            var perPair = Math.Max(2, totalMessages / pairs);
            var done = new List<Task>();
            var starts = new List<(IActorRef Ping, IActorRef Pong)>();
            for (var p = 0; p < pairs; p++)
            {
                var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                // Pong receives the first ball plus ping's replies; ping absorbs the last ball.
                var pong = system.ActorOf(Props.Create<PingPongActor>(perPair / 2, perPair / 2, null!));
                var ping = system.ActorOf(Props.Create<PingPongActor>((perPair / 2) - 1, perPair / 2, completion));
                done.Add(completion.Task);
                starts.Add((ping, pong));
            }

            await WarmUpAsync(starts.SelectMany(s => new[] { s.Ping, s.Pong }), cancellationToken).ConfigureAwait(false);
            return await Measurement.TimeAsync(async () =>
            {
                foreach (var (ping, pong) in starts)
                {
                    pong.Tell(Ball.Instance, ping);
                }

                await Measurement.WithinLimitAsync(Task.WhenAll(done), cancellationToken).ConfigureAwait(false);
                return (perPair / 2 * 2) * pairs;
            }).ConfigureAwait(false);
        }
        finally
        {
            await system.Terminate().ConfigureAwait(false);
        }
    }

    /// <summary>One-way tells of <paramref name="messages"/> balls from a producer thread to one counting actor.</summary>
    public static async Task<Measurement> OneWayAsync(long messages, CancellationToken cancellationToken)
    {
        var system = BenchmarkCluster.Plain();
        try
        {
            var completion = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            var counter = system.ActorOf(Props.Create<CounterActor>(completion));
            await WarmUpAsync([counter], cancellationToken).ConfigureAwait(false);
            Thread? producer = null;
            var measurement = await Measurement.TimeAsync(async () =>
            {
                // A dedicated producer thread, like an input source outside the actor system.
                producer = new Thread(() =>
                {
                    var message = Ball.Instance;
                    for (var i = 0L; i < messages; i++)
                    {
                        counter.Tell(message);
                    }

                    counter.Tell(CounterActor.Done.Instance);
                })
                { IsBackground = true, Name = "bench-producer" };
                producer.Start();
                return await Measurement.WithinLimitAsync(completion.Task, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
            producer?.Join();
            return measurement.Messages == messages
                ? measurement
                : throw new InvalidOperationException($"the counter saw {measurement.Messages} messages, expected {messages}");
        }
        finally
        {
            await system.Terminate().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// <paramref name="entities"/> x <paramref name="perEntity"/> one-way messages from a producer thread, routed by key
    /// through a parent actor to its children, each created on its first message.
    /// </summary>
    public static async Task<Measurement> RoutingParentAsync(int entities, int perEntity, CancellationToken cancellationToken)
    {
        var system = BenchmarkCluster.Plain();
        try
        {
            var shared = new RoutingShared(entities, perEntity);
            var parent = system.ActorOf(Props.Create<RoutingParent>(shared), "router");
            await WarmUpAsync([parent], cancellationToken).ConfigureAwait(false);
            return await ProduceAsync(parent, entities, perEntity, shared, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await system.Terminate().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Plain actors answering <c>EntityCommand</c>s with <c>EntityReply</c>s, driven by <see cref="EntityDriver"/>s exactly as
    /// the product's entities are (one driver per partition, a window in flight, first contact through a parent that
    /// creates each child on its first command, then straight to the child).
    /// </summary>
    public static async Task<Measurement> ReplyParentAsync(PartitionWork[] work, int window, CancellationToken cancellationToken)
    {
        var system = BenchmarkCluster.Plain();
        try
        {
            var parent = system.ActorOf(Props.Create<EchoParent>(), "entities");
            return await EntityDrivers.RunAsync(system, parent, epochs: new long[work.Length], work, window, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await system.Terminate().ConfigureAwait(false);
        }
    }

    /// <summary>Heap growth per idle plain actor: <paramref name="actors"/> children of one parent, after a full GC.</summary>
    public static async Task<Measurement> IdleActorMemoryAsync(long actors, CancellationToken cancellationToken)
    {
        var system = BenchmarkCluster.Plain();
        try
        {
            var started = new StartedCounter((int)actors);
            var parent = system.ActorOf(Props.Create<SpawningParent>(started), "parent");
            await WarmUpAsync([parent], cancellationToken).ConfigureAwait(false);
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var measurement = await Measurement.TimeAsync(async () =>
            {
                parent.Tell(new SpawningParent.Spawn((int)actors));
                await Measurement.WithinLimitAsync(started.AllStarted.Task, cancellationToken).ConfigureAwait(false);
                return actors;
            }).ConfigureAwait(false);
            // One more round trip through the parent, so that its turn that created the children is over.
            await parent.Ask<Warmed>(Warm.Instance, AskTimeout, cancellationToken).ConfigureAwait(false);
            var after = GC.GetTotalMemory(forceFullCollection: true);
            GC.KeepAlive(parent);
            return measurement with { BytesPerActor = (after - before) / (double)actors };
        }
        finally
        {
            await system.Terminate().ConfigureAwait(false);
        }
    }

    /// <summary>Tells every keyed message, round after round, from a dedicated producer thread to <paramref name="target"/>; done when every entity has counted its share.</summary>
    internal static async Task<Measurement> ProduceAsync(IActorRef target, int entities, int perEntity, RoutingShared shared, CancellationToken cancellationToken)
    {
        var messages = Enumerable.Range(0, entities).Select(key => new KeyedMessage(key.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        Thread? producer = null;
        var measurement = await Measurement.TimeAsync(async () =>
        {
            producer = new Thread(() =>
            {
                for (var round = 0; round < perEntity; round++)
                {
                    foreach (var message in messages)
                    {
                        target.Tell(message);
                    }
                }
            })
            { IsBackground = true, Name = "bench-producer" };
            producer.Start();
            await Measurement.WithinLimitAsync(shared.AllDone.Task, cancellationToken).ConfigureAwait(false);
            return (long)entities * perEntity;
        }).ConfigureAwait(false);
        producer?.Join();
        return measurement;
    }

    /// <summary>Makes sure the actors are created and idle before the clock starts.</summary>
    private static async Task WarmUpAsync(IEnumerable<IActorRef> actors, CancellationToken cancellationToken)
    {
        foreach (var actor in actors)
        {
            await actor.Ask<Warmed>(Warm.Instance, AskTimeout, cancellationToken).ConfigureAwait(false);
        }
    }
}
