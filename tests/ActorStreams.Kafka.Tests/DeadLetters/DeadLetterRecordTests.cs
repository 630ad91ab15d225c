using System.Text;
using System.Text.Json;
using ActorStreams.Kafka.DeadLetters;

namespace ActorStreams.Kafka.Tests.DeadLetters;

[Trait("Category", "Unit")]
public sealed class DeadLetterRecordTests
{
    private static readonly DateTimeOffset FailedAt = new(2026, 11, 22, 5, 17, 29, 123, TimeSpan.FromHours(2));

    [Fact]
    public void ToJsonUtf8_TextValue_HasTheContractFields()
    {
        var letter = DeadLetterRecord.Create("transactions", 3, 42, "17"u8.ToArray(), "{\"amount\":\"abc\"}"u8.ToArray(), "field \"amount\" must be a number > 0, got \"abc\"", FailedAt);

        using var json = JsonDocument.Parse(letter.ToJsonUtf8());
        var root = json.RootElement;

        Assert.Equal(
            ["source_topic", "partition", "offset", "key", "value", "error", "failed_at"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("transactions", root.GetProperty("source_topic").GetString());
        Assert.Equal(3, root.GetProperty("partition").GetInt32());
        Assert.Equal(42, root.GetProperty("offset").GetInt64());
        Assert.Equal("17", root.GetProperty("key").GetString());
        Assert.Equal("{\"amount\":\"abc\"}", root.GetProperty("value").GetString());
        Assert.Equal("field \"amount\" must be a number > 0, got \"abc\"", root.GetProperty("error").GetString());
        Assert.Equal("2026-11-22T03:17:29.123Z", root.GetProperty("failed_at").GetString());
    }

    [Fact]
    public void ToJsonUtf8_BinaryValue_UsesValueBase64Instead()
    {
        byte[] value = [0xff, 0x00, 0xfe];
        var letter = DeadLetterRecord.Create("t", 0, 1, null, value, "value is not valid UTF-8", FailedAt);

        using var json = JsonDocument.Parse(letter.ToJsonUtf8());
        var root = json.RootElement;

        Assert.False(root.TryGetProperty("value", out _));
        Assert.Equal(value, Convert.FromBase64String(root.GetProperty("value_base64").GetString()!));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("key").ValueKind);
    }

    [Fact]
    public void Create_Utf8Text_KeepsTheRawTextExactly()
    {
        const string Raw = "  {\"a\": \"é\\u00e9\"}  ";

        var letter = DeadLetterRecord.Create("t", 0, 1, null, Encoding.UTF8.GetBytes(Raw), "e", FailedAt);

        Assert.Equal(Raw, letter.Value);
        Assert.Null(letter.ValueBase64);
    }
}
