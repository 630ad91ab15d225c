using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace ActorStreams.Node.Jobs;

/// <summary>
/// The Akka serializer of the job scheduler's messages (<see cref="IJobSchedulerMessage"/>): JSON through
/// System.Text.Json, for the history's questions and answers between nodes and for its events and snapshots in the store.
/// </summary>
public sealed class JobHistorySerializer : SerializerWithStringManifest
{
    /// <summary>The serializer's id in Akka's registry.</summary>
    public const int SerializerId = 7411;

    /// <summary>Created by Akka from the <c>akka.actor.serializers</c> configuration.</summary>
    public JobHistorySerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <inheritdoc />
    public override int Identifier => SerializerId;

    /// <inheritdoc />
    public override string Manifest(object o) => o switch
    {
        GetJobHistory => "G",
        JobHistory => "H",
        JobRunRecorded => "R",
        JobHistorySnapshot => "S",
        _ => throw new ArgumentException($"{nameof(JobHistorySerializer)} cannot serialize {o?.GetType().FullName ?? "null"}", nameof(o)),
    };

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => obj switch
    {
        GetJobHistory => [],
        JobHistory h => JsonSerializer.SerializeToUtf8Bytes(h, JobHistoryJson.Default.JobHistory),
        JobRunRecorded r => JsonSerializer.SerializeToUtf8Bytes(r, JobHistoryJson.Default.JobRunRecorded),
        JobHistorySnapshot s => JsonSerializer.SerializeToUtf8Bytes(s, JobHistoryJson.Default.JobHistorySnapshot),
        _ => throw new ArgumentException($"{nameof(JobHistorySerializer)} cannot serialize {obj?.GetType().FullName ?? "null"}", nameof(obj)),
    };

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        "G" => GetJobHistory.Instance,
        "H" => JsonSerializer.Deserialize(bytes, JobHistoryJson.Default.JobHistory)!,
        "R" => JsonSerializer.Deserialize(bytes, JobHistoryJson.Default.JobRunRecorded)!,
        "S" => JsonSerializer.Deserialize(bytes, JobHistoryJson.Default.JobHistorySnapshot)!,
        _ => throw new InvalidDataException($"unknown job scheduler manifest \"{manifest}\""),
    };
}

/// <summary>Source-generated JSON of the job scheduler's messages.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(JobHistory))]
[JsonSerializable(typeof(JobRunRecorded))]
[JsonSerializable(typeof(JobHistorySnapshot))]
internal sealed partial class JobHistoryJson : JsonSerializerContext;
