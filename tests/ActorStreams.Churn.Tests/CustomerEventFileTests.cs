using System.Text;
using ActorStreams.Domain.Behaviour;

namespace ActorStreams.Churn.Tests;

[Trait("Category", "Unit")]
public sealed class CustomerEventFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "churn-file-tests-" + Guid.NewGuid().ToString("N"));

    public CustomerEventFileTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Read_BadLinesDuplicatesAndOffsets_AreCountedWithLineNumbersAndTheFirstOfEachIdPassedOn()
    {
        var path = Write(
            "\uFEFF" + Line("a", 1, "2026-01-01T10:00:00.000Z", price: "1.5") + "\r",
            Line("a", 1, "2026-01-01T11:00:00.000Z", price: "99"), // a retry: same event_id
            "{\"event_id\": ",
            Line("b", 2, "01/02/2026 25:00"),
            Line("c", 2, "2026-01-01T12:30:00+02:00"),
            string.Empty,
            Line("d", 3, "2026-01-02T00:00:00Z").Replace("\"view\"", "\"click\"", StringComparison.Ordinal),
            Line("e", 1, "2026-01-03T00:00:00Z").Replace("\"timestamp\":\"2026-01-03T00:00:00Z\",", string.Empty, StringComparison.Ordinal));
        var events = new List<CustomerEvent>();

        var summary = CustomerEventFile.Read(path, events.Add);

        Assert.Equal(8, summary.Lines);
        Assert.Equal(2, summary.Events);
        Assert.Equal(1, summary.Duplicates);
        Assert.Equal(5, summary.BadLines);
        Assert.Equal(2, summary.BadTimestamps);
        Assert.Equal(2, summary.Customers);
        Assert.Equal(["a", "c"], events.Select(e => e.EventId));
        Assert.Equal(1.5m, events[0].Price);
        Assert.Equal("2026-01-01T10:30:00.000Z", events[1].Timestamp.ToIsoString());
        Assert.Equal(events[0].Timestamp, summary.FirstEventTime);
        Assert.Equal(events[1].Timestamp, summary.LastEventTime);
        Assert.Equal([3L, 4, 6, 7, 8], summary.BadLineSamples.Select(b => b.LineNumber));
        Assert.StartsWith("not valid JSON", summary.BadLineSamples[0].Reason, StringComparison.Ordinal);
        Assert.Equal("field \"timestamp\" must be an ISO-8601 instant not before 1970, got \"01/02/2026 25:00\"", summary.BadLineSamples[1].Reason);
        Assert.Equal("empty line", summary.BadLineSamples[2].Reason);
        Assert.Equal("missing required field \"timestamp\"", summary.BadLineSamples[4].Reason);
    }

    [Fact]
    public void Read_LineLongerThanTheLimit_IsOneBadLineAndReadingGoesOn()
    {
        var huge = Line("big", 1, "2026-01-01T00:00:00Z").Replace("\"books\"", "\"" + new string('x', CustomerEventFile.MaxLineBytes + 100) + "\"", StringComparison.Ordinal);
        var path = Write(Line("a", 1, "2026-01-01T00:00:00Z"), huge, Line("b", 1, "2026-01-01T00:01:00Z"));
        var events = new List<CustomerEvent>();

        var summary = CustomerEventFile.Read(path, events.Add);

        Assert.Equal(3, summary.Lines);
        Assert.Equal(["a", "b"], events.Select(e => e.EventId));
        Assert.Equal(new BadLine(2, $"line longer than {CustomerEventFile.MaxLineBytes} bytes"), Assert.Single(summary.BadLineSamples));
    }

    [Fact]
    public void Read_LastLineWithoutNewline_IsRead()
    {
        var path = Path.Combine(_directory, "events.jsonl");
        File.WriteAllText(path, Line("a", 1, "2026-01-01T00:00:00Z") + "\n" + Line("b", 2, "2026-01-01T00:00:00Z"));

        var summary = CustomerEventFile.Read(path, _ => { });

        Assert.Equal((2L, 2L, 0L), (summary.Lines, summary.Events, summary.BadLines));
    }

    [Fact]
    public void Read_ManyBadLines_KeepsTheFirstSamplesOnlyButCountsAll()
    {
        var path = Write([.. Enumerable.Range(0, 50).Select(i => "bad " + i)]);
        var progress = new List<long>();

        var summary = CustomerEventFile.Read(path, _ => { }, new SynchronousProgress(progress.Add));

        Assert.Equal(50, summary.BadLines);
        Assert.Equal(CustomerEventFile.MaxBadLineSamples, summary.BadLineSamples.Count);
        Assert.Null(summary.FirstEventTime);
        Assert.Equal([50L], progress);
    }

    internal static string Line(string id, long customer, string timestamp, string type = "view", string price = "10") =>
        $$"""{"event_id":"{{id}}","customer_id":{{customer}},"session_id":"s","timestamp":"{{timestamp}}","type":"{{type}}","product_id":"p","category":"books","price":{{price}},"quantity":1,"device":"mobile","city":"Lyon","country":"FR"}""";

    private string Write(params string[] lines)
    {
        var path = Path.Combine(_directory, "events.jsonl");
        File.WriteAllText(path, string.Join('\n', lines) + "\n", new UTF8Encoding(false));
        return path;
    }

    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
