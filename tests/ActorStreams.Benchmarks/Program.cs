using ActorStreams.Benchmarks;
using ActorStreams.Cli;

// `./actorstreams bench <suite> …` runs this program with the same arguments ("bench" first).
return await CliApplication.RunAsync(args, Console.Out, Console.Error, [BenchCommand.Create]).ConfigureAwait(false);
