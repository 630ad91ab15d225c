namespace ActorStreams.Entities.Codecs;

/// <summary>The kinds of record on <c>actorstreams-repartition-loans</c>.</summary>
public enum LoanRecordKind
{
    /// <summary>A scored application for its device (from a customer partition).</summary>
    Application,

    /// <summary>A customer partition's loan watermark.</summary>
    Watermark,

    /// <summary>A customer partition with no loan applications for the idle timeout.</summary>
    Idle,

    /// <summary>A loan partition's partial aggregate of one window and key.</summary>
    Partial,

    /// <summary>A loan partition's watermark: it shipped every partial of the windows ending at or before it.</summary>
    PartialWatermark,

    /// <summary>A loan partition all of whose sources are idle (it shipped every partial).</summary>
    PartialIdle,
}
