using ActorStreams.Domain;
using ActorStreams.Domain.Loans;

namespace ActorStreams.Entities.Codecs;

/// <summary>A decoded record of <c>actorstreams-repartition-loans</c>.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="SourcePartition">The customer partition (application, watermark, idle) or loan partition (partial kinds) that sent it.</param>
/// <param name="Application">The application (<see cref="LoanRecordKind.Application"/>).</param>
/// <param name="Watermark">The watermark (watermark kinds).</param>
/// <param name="Partial">The partial (<see cref="LoanRecordKind.Partial"/>).</param>
public readonly record struct LoanRecord(LoanRecordKind Kind, int SourcePartition, LoanForward? Application, EventTime Watermark, LoanPartial? Partial);
