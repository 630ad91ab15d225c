namespace ActorStreams.Domain.Merchants;

/// <summary>The control record a customer partition should broadcast to every merchant partition now, if any.</summary>
/// <param name="Kind">Nothing, a watermark, or an idle declaration.</param>
/// <param name="Watermark">The watermark to send when <paramref name="Kind"/> is <see cref="WatermarkSignalKind.Watermark"/>.</param>
public readonly record struct WatermarkSignal(WatermarkSignalKind Kind, EventTime Watermark)
{
    /// <summary>Nothing to send.</summary>
    public static WatermarkSignal None { get; } = new(WatermarkSignalKind.None, default);

    /// <summary>Send an idle declaration.</summary>
    public static WatermarkSignal Idle { get; } = new(WatermarkSignalKind.Idle, default);
}
