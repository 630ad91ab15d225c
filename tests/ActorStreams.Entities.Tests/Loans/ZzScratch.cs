using Xunit.Abstractions;

namespace ActorStreams.Entities.Tests.Loans;

public sealed class ZzScratch(ITestOutputHelper output)
{
    [Fact]
    public void Stats()
    {
        foreach (var seed in new[] { 1, 21, 22, 23 })
        {
            var crash = seed > 20;
            var options = crash ? new SimulationOptions { CheckpointRate = 0.02, CrashRate = 0.0015, MaxCrashesPerPartition = 4 } : new SimulationOptions();
            var upstream = LoanPipelineTestsAccess.Produce(seed, 4, crash ? 300 : 400);
            var result = LoanPipelineSimulation.Run(upstream, options, new Random(seed));
            var ids = result.Outputs.Count;
            output.WriteLine($"seed {seed}: outputs {ids} shipped {result.Shipped.Count} crashes {result.Crashes} checkpoints {result.Checkpoints} alerts {result.Metrics.LoanFraudAlerts} late-window {result.Metrics.LoanWindowLateApplications} partials-ignored {result.Metrics.LoanPartialsIgnored} replays {result.Metrics.LoanReplaysIgnored} shippedPartials {result.Metrics.LoanPartialsShipped}");
        }
    }
}

internal static class LoanPipelineTestsAccess
{
    public static Upstream Produce(int seed, int n, int per) => LoanPipelineTests.Produce(seed, n, per);
}
