using ActorStreams.Actors;
using BenchmarkDotNet.Attributes;

namespace ActorStreams.Benchmarks;

/// <summary>The cost of <see cref="IActorRef.Tell"/> to a busy actor (enqueue only) and of an Ask round trip.</summary>
[MemoryDiagnoser]
public class TellBenchmarks
{
    private ActorSystem? _system;
    private IActorRef? _counter;
    private TaskCompletionSource<long>? _completion;

    /// <summary>Creates the system and a counter actor.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("micro");
        _completion = new TaskCompletionSource<long>();
        var completion = _completion;
        _counter = _system.ActorOf(Props.Create(() => new CounterActor(completion)));
    }

    /// <summary>Terminates the system.</summary>
    [GlobalCleanup]
    public void Cleanup() => _system!.Terminate().GetAwaiter().GetResult();

    /// <summary>1,000 tells of a shared message to one actor.</summary>
    [Benchmark(OperationsPerInvoke = 1000)]
    public void Tell()
    {
        var counter = _counter!;
        for (var i = 0; i < 1000; i++)
        {
            counter.Tell(Ball.Instance);
        }
    }

    /// <summary>One ask round trip.</summary>
    [Benchmark]
    public Task AskRoundTrip() => _counter!.Ask<Warmed>(Warm.Instance, TimeSpan.FromSeconds(5));
}
