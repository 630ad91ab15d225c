using System.Text.Json;
using ActorStreams.Domain;
using N = ActorStreams.Entities.Codecs.Internal.JsonFieldNames;

namespace ActorStreams.Entities.Codecs.Internal;

/// <summary>The control records of the merchant repartition topic: <c>{type, source_partition[, watermark]}</c>, for merchant and funnel watermarks alike.</summary>
internal static class ControlRecordWriter
{
    /// <summary>A watermark control record of the given <paramref name="type"/>.</summary>
    public static byte[] Watermark(JsonOutput output, JsonEncodedText type, int sourcePartition, EventTime watermark)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sourcePartition);
        var writer = output.Start();
        writer.WriteStartObject();
        writer.WriteString(N.Type, type);
        writer.WriteNumber(N.SourcePartition, sourcePartition);
        JsonFieldWriter.WriteExactTimestamp(writer, N.Watermark, watermark);
        writer.WriteEndObject();
        return output.ToArray();
    }

    /// <summary>An idle control record of the given <paramref name="type"/>.</summary>
    public static byte[] Idle(JsonOutput output, JsonEncodedText type, int sourcePartition)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sourcePartition);
        var writer = output.Start();
        writer.WriteStartObject();
        writer.WriteString(N.Type, type);
        writer.WriteNumber(N.SourcePartition, sourcePartition);
        writer.WriteEndObject();
        return output.ToArray();
    }
}
