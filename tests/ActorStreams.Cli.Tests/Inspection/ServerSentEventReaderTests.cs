using System.IO.Pipelines;
using System.Text;
using ActorStreams.Cli.Inspection;

namespace ActorStreams.Cli.Tests.Inspection;

[Trait("Category", "Unit")]
public sealed class ServerSentEventReaderTests
{
    [Fact]
    public async Task ReadAll_MultiLineDataAndKeepAlives_JoinedDataCommentsIgnored()
    {
        var text =
            ": keep-alive\n\n" +
            "event: partitions-assigned\n" +
            "data: {\"a\":1,\n" +
            "data:\"b\":2}\n" +
            ": keep-alive in the middle\n" +
            "id: 7\n" +
            "\n" +
            ": keep-alive\n\n";

        var events = await ReadAsync(text);

        Assert.Equal([new ServerSentEvent("partitions-assigned", "{\"a\":1,\n\"b\":2}")], events);
    }

    [Fact]
    public async Task ReadAll_CrLfAndCrLineEnds_SameEvents()
    {
        var events = await ReadAsync("event: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\r");

        Assert.Equal([new ServerSentEvent("a", "1"), new ServerSentEvent("b", "2")], events);
    }

    [Fact]
    public async Task ReadAll_NoEventField_TypeIsMessage()
    {
        var events = await ReadAsync("data: x\n\n");

        Assert.Equal([new ServerSentEvent("message", "x")], events);
    }

    [Fact]
    public async Task ReadAll_OnlyTheFirstSpaceAfterTheColon_IsDropped()
    {
        var events = await ReadAsync("data:  two spaces\ndata\ndata:none\n\n");

        Assert.Equal([new ServerSentEvent("message", " two spaces\n\nnone")], events);
    }

    [Fact]
    public async Task ReadAll_EventWithoutData_NotDispatched()
    {
        var events = await ReadAsync("event: lonely\n\nevent: real\ndata: 1\n\n");

        Assert.Equal([new ServerSentEvent("real", "1")], events);
    }

    [Fact]
    public async Task ReadAll_UnfinishedEventAtTheEnd_Dropped()
    {
        var events = await ReadAsync("event: a\ndata: 1\n\nevent: b\ndata: 2\n");

        Assert.Equal([new ServerSentEvent("a", "1")], events);
    }

    [Fact]
    public async Task ReadAll_SilentStream_TimesOutAfterTheIdleTimeout()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(": keep-alive\n\nevent: a\ndata: 1\n\n"));
        var reader = new ServerSentEventReader(pipe.Reader.AsStream(), TimeSpan.FromMilliseconds(100));
        var events = new List<ServerSentEvent>();

        var error = await Assert.ThrowsAsync<TimeoutException>(async () =>
        {
            await foreach (var e in reader.ReadAllAsync())
            {
                events.Add(e);
            }
        });

        Assert.Equal([new ServerSentEvent("a", "1")], events);
        Assert.Equal("nothing arrived for 100ms", error.Message);
    }

    private static async Task<List<ServerSentEvent>> ReadAsync(string text)
    {
        var reader = new ServerSentEventReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), Timeout.InfiniteTimeSpan);
        var events = new List<ServerSentEvent>();
        await foreach (var e in reader.ReadAllAsync())
        {
            events.Add(e);
        }

        return events;
    }
}
