using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using ActorStreams.Cluster.Membership.Internal;

namespace ActorStreams.Cluster.Membership;

/// <summary>
/// One heartbeat on the members topic (docs/design.md §2, docs/admin-api.md), key = node id. A tombstone (null value)
/// says the node left.
/// </summary>
public sealed record MemberRecord
{
    /// <summary>The node's id (the record key).</summary>
    public required string NodeId { get; init; }

    /// <summary>The cluster (consumer group) it belongs to; views ignore other groups.</summary>
    public required string GroupId { get; init; }

    /// <summary>Its admin API, <c>host:port</c>.</summary>
    public required string HttpEndpoint { get; init; }

    /// <summary><see cref="MemberStatus.Up"/> or <see cref="MemberStatus.Leaving"/> (never unreachable: that is a view's judgement).</summary>
    public MemberStatus Status { get; init; } = MemberStatus.Up;

    /// <summary>The partitions it owns, by entity kind (<c>customer</c>, <c>merchant</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<int>> Partitions { get; init; } = new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal);

    /// <summary>Entities in memory, by entity kind.</summary>
    public IReadOnlyDictionary<string, long> Entities { get; init; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>Consumer lag over its partitions (records).</summary>
    public long Lag { get; init; }

    /// <summary>When the node started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it sent this heartbeat (its clock).</summary>
    public required DateTimeOffset HeartbeatAt { get; init; }

    /// <summary>Its ActorStreams version.</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>The partitions of <paramref name="kind"/> it owns (empty when none).</summary>
    public IReadOnlyList<int> PartitionsOf(string kind) => Partitions.TryGetValue(kind, out var list) ? list : [];

    /// <summary>The record's JSON value.</summary>
    public byte[] ToJsonUtf8()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("node_id", NodeId);
            writer.WriteString("group_id", GroupId);
            writer.WriteString("http_endpoint", HttpEndpoint);
            writer.WriteString("status", Status == MemberStatus.Leaving ? "leaving" : "up");
            writer.WriteStartObject("partitions");
            foreach (var (kind, partitions) in Partitions.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteStartArray(kind);
                foreach (var partition in partitions)
                {
                    writer.WriteNumberValue(partition);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteStartObject("entities");
            foreach (var (kind, count) in Entities.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                writer.WriteNumber(kind, count);
            }

            writer.WriteEndObject();
            writer.WriteNumber("lag", Lag);
            writer.WriteString("started_at", IsoTime.Format(StartedAt));
            writer.WriteString("heartbeat_at", IsoTime.Format(HeartbeatAt));
            writer.WriteString("version", Version);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Parses a record's JSON value; unknown fields are ignored, so newer nodes may add some.</summary>
    /// <param name="json">The value.</param>
    /// <param name="record">The record, when valid.</param>
    /// <param name="error">Why it is invalid, otherwise.</param>
    public static bool TryParse(ReadOnlySpan<byte> json, [NotNullWhen(true)] out MemberRecord? record, [NotNullWhen(false)] out string? error)
    {
        record = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "not a JSON object";
                return false;
            }

            if (!TryString(root, "node_id", out var nodeId, out error)
                || !TryString(root, "group_id", out var groupId, out error)
                || !TryString(root, "http_endpoint", out var endpoint, out error)
                || !TryTime(root, "started_at", out var startedAt, out error)
                || !TryTime(root, "heartbeat_at", out var heartbeatAt, out error))
            {
                return false;
            }

            var status = root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String && s.GetString() == "leaving"
                ? MemberStatus.Leaving
                : MemberStatus.Up;
            var partitions = new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal);
            if (root.TryGetProperty("partitions", out var p) && p.ValueKind == JsonValueKind.Object)
            {
                foreach (var kind in p.EnumerateObject().Where(k => k.Value.ValueKind == JsonValueKind.Array))
                {
                    partitions[kind.Name] = [.. kind.Value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetInt32())];
                }
            }

            var entities = new Dictionary<string, long>(StringComparer.Ordinal);
            if (root.TryGetProperty("entities", out var e) && e.ValueKind == JsonValueKind.Object)
            {
                foreach (var kind in e.EnumerateObject().Where(k => k.Value.ValueKind == JsonValueKind.Number))
                {
                    entities[kind.Name] = kind.Value.GetInt64();
                }
            }

            record = new MemberRecord
            {
                NodeId = nodeId,
                GroupId = groupId,
                HttpEndpoint = endpoint,
                Status = status,
                Partitions = partitions,
                Entities = entities,
                Lag = root.TryGetProperty("lag", out var lag) && lag.ValueKind == JsonValueKind.Number ? lag.GetInt64() : 0,
                StartedAt = startedAt,
                HeartbeatAt = heartbeatAt,
                Version = root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty,
            };
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            error = ex.Message;
            return false;
        }
    }

    private static bool TryString(JsonElement root, string name, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? error)
    {
        if (root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String && element.GetString() is { Length: > 0 } text)
        {
            value = text;
            error = null;
            return true;
        }

        value = null;
        error = $"\"{name}\" is missing or not a non-empty string";
        return false;
    }

    private static bool TryTime(JsonElement root, string name, out DateTimeOffset value, [NotNullWhen(false)] out string? error)
    {
        if (root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String && IsoTime.TryParse(element.GetString(), out value))
        {
            error = null;
            return true;
        }

        value = default;
        error = $"\"{name}\" is missing or not an ISO-8601 timestamp";
        return false;
    }
}
