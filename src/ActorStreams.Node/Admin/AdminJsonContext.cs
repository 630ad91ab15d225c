using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorStreams.Node.Admin;

/// <summary>Source-generated JSON of the admin API: snake_case, timestamps as ISO-8601 UTC with milliseconds.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    Converters = [typeof(IsoUtcConverter)])]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(ClusterResponse))]
[JsonSerializable(typeof(ShardsResponse))]
[JsonSerializable(typeof(LagResponse))]
[JsonSerializable(typeof(EntityResponse))]
[JsonSerializable(typeof(LeaveResponse))]
[JsonSerializable(typeof(JobsResponse))]
[JsonSerializable(typeof(Dashboard.DashboardSnapshot))]
internal sealed partial class AdminJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context the API writes with: like <see cref="JsonSerializerContext"/>'s default, but quotes and non-ASCII text
    /// in messages and entity states stay readable (the bodies are JSON documents, never embedded in HTML; the dashboard's
    /// page inserts snapshot text with <c>textContent</c>).
    /// </summary>
    public static AdminJsonContext Api { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new IsoUtcConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
