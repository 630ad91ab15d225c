using System.Text.Json;

namespace ActorStreams.Cli.Inspection.Model;

/// <summary>The answer of <c>GET /api/entities/{kind}/{id}</c>.</summary>
internal sealed record EntityAnswer
{
    public string Kind { get; init; } = "";

    public string Id { get; init; } = "";

    public int? Partition { get; init; }

    public string? Owner { get; init; }

    /// <summary>True when the entity is active on its owner, false when its state was read from the store.</summary>
    public bool? InMemory { get; init; }

    public JsonElement State { get; init; }
}
