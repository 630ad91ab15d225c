using System.Text.Json.Serialization;

namespace ActorStreams.Cli.Inspection.Model;

/// <summary>Source-generated (de)serialisation of the admin API's snake_case bodies; unknown fields are ignored.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ClusterView))]
[JsonSerializable(typeof(ShardsView))]
[JsonSerializable(typeof(LagView))]
[JsonSerializable(typeof(EntityAnswer))]
[JsonSerializable(typeof(HealthAnswer))]
[JsonSerializable(typeof(ErrorAnswer))]
[JsonSerializable(typeof(ClusterEvent))]
[JsonSerializable(typeof(JobsView))]
internal sealed partial class AdminJsonContext : JsonSerializerContext
{
}
