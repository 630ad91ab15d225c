using ActorStreams.Domain;
using ActorStreams.Domain.Funnel;

namespace ActorStreams.Entities.Codecs;

/// <summary>A decoded funnel record of the merchant repartition topic: an event, a score, or a control record of one customer partition.</summary>
/// <param name="Kind">Which of them.</param>
/// <param name="Event">The event when <paramref name="Kind"/> is <see cref="FunnelRecordKind.Event"/>.</param>
/// <param name="Score">The score when <paramref name="Kind"/> is <see cref="FunnelRecordKind.Score"/>.</param>
/// <param name="SourcePartition">The customer partition that sent the record.</param>
/// <param name="Watermark">The control record's watermark, or the one the data carries; default for idle.</param>
public readonly record struct FunnelRecord(FunnelRecordKind Kind, FunnelEvent? Event, FunnelScore? Score, int SourcePartition, EventTime Watermark);
