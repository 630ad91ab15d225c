using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ActorStreams.Benchmarks;

/// <summary>BenchmarkDotNet micro-benchmarks of the runtime's hot paths, run in-process.</summary>
public static class ActorMicroBenchmarks
{
    /// <summary>Runs the micro-benchmarks selected by BenchmarkDotNet's command-line <paramref name="args"/> (e.g. <c>--filter *</c>).</summary>
    public static void Run(string[] args)
    {
        var config = DefaultConfig.Instance
            .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        BenchmarkSwitcher.FromTypes([typeof(MessageQueueBenchmarks), typeof(TellBenchmarks)]).Run(args, config);
    }
}
