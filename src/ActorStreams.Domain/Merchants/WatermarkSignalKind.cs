namespace ActorStreams.Domain.Merchants;

/// <summary>The kinds of <see cref="WatermarkSignal"/>.</summary>
public enum WatermarkSignalKind
{
    /// <summary>Nothing to send.</summary>
    None,

    /// <summary>A watermark control record (source partition, watermark).</summary>
    Watermark,

    /// <summary>An idle control record (source partition): leave this source out of the minimum.</summary>
    Idle,
}
