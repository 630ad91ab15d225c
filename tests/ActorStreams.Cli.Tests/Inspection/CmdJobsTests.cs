using System.Text.Json;
using ActorStreams.Cli.Inspection;

namespace ActorStreams.Cli.Tests.Inspection;

[Trait("Category", "Unit")]
public sealed class CmdJobsTests
{
    private const string Jobs = """
        {"enabled":true,"scheduler_node":"node-2",
         "jobs":[{"job":"hourly","next_run":"2026-11-22T07:05:00.000Z","running":false,"last_run":null},
                 {"job":"fraud-monitor","next_run":"2026-11-22T06:17:00.000Z","running":true,"last_run":null}],
         "runs":[{"job":"fraud-monitor","scheduled_for":"2026-11-22T05:47:00.000Z","started_at":"2026-11-22T05:47:00.010Z","finished_at":"2026-11-22T05:47:00.250Z","duration_seconds":0.24,"node":"node-2","outcome":"failed","summary":"","error":"fraud-monitor: reading failed"},
                 {"job":"hourly","scheduled_for":"2026-11-22T05:05:00.000Z","started_at":"2026-11-22T05:05:00.000Z","finished_at":"2026-11-22T05:05:03.000Z","duration_seconds":3.0,"node":"node-1","outcome":"ok","summary":"loaded 1 hour(s)","error":null}]}
        """;

    private static readonly NodeAddress Node1 = NodeAddress.Parse("127.0.0.1:9110");

    [Fact]
    public async Task JobsShow_TwoRuns_SchedulerNextRunsAndRunsNewestFirst()
    {
        var api = new FakeAdminApi(Node1).Answer("/api/jobs", Jobs);

        var result = await InspectionHarness.RunAsync(InspectionHarness.Services(api), "jobs", "show");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var lines = InspectionHarness.Lines(result.Output);
        Assert.Equal("Scheduler on node-2", lines[0]);
        Assert.Equal("  hourly: next run 2026-11-22 07:05:00Z (in 1h05m)", lines[1]);
        Assert.Equal("  fraud-monitor: next run 2026-11-22 06:17:00Z (in 17m00s), running now", lines[2]);
        var header = Array.FindIndex(lines, l => l.StartsWith("JOB ", StringComparison.Ordinal));
        Assert.Equal(["JOB", "STARTED", "DURATION", "NODE", "OUTCOME", "SUMMARY"], Words(lines[header]));
        Assert.StartsWith("fraud-monitor", lines[header + 1], StringComparison.Ordinal);
        Assert.Contains("failed", lines[header + 1], StringComparison.Ordinal);
        Assert.Contains("fraud-monitor: reading failed", lines[header + 1], StringComparison.Ordinal);
        Assert.Equal(["hourly", "2026-11-22", "05:05:00Z", "3s", "node-1", "ok", "loaded", "1", "hour(s)"], Words(lines[header + 2]));
        Assert.Contains("2 runs, 1 failed", lines);
        Assert.Equal(["/api/jobs"], api.Requests);
    }

    [Fact]
    public async Task JobsShow_Disabled_SaysSo()
    {
        var api = new FakeAdminApi(Node1).Answer("/api/jobs", """{"enabled":false,"scheduler_node":null,"jobs":[],"runs":[]}""");

        var result = await InspectionHarness.RunAsync(InspectionHarness.Services(api), "jobs", "show");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("Scheduled jobs are off (actorstreams.jobs.enabled = off).", InspectionHarness.Lines(result.Output)[0]);
    }

    [Fact]
    public async Task JobsShow_Json_PrintsTheAnswer()
    {
        var api = new FakeAdminApi(Node1).Answer("/api/jobs", Jobs);

        var result = await InspectionHarness.RunAsync(InspectionHarness.Services(api), "jobs", "show", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var expected = JsonDocument.Parse(Jobs);
        using var printed = JsonDocument.Parse(result.Output);
        Assert.True(JsonElement.DeepEquals(expected.RootElement, printed.RootElement));
    }

    private static string[] Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
