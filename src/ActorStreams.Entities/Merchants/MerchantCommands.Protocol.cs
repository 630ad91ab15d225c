using ActorStreams.Domain;
using ActorStreams.Domain.Merchants;

namespace ActorStreams.Entities.Merchants;

/// <summary>Marker of the work a merchant entity handles.</summary>
public interface IMerchantCommand;

/// <summary>Add a forwarded transaction to its window.</summary>
/// <param name="Transaction">The repartition record.</param>
public sealed record AddToWindow(MerchantTransaction Transaction) : IMerchantCommand
{
    /// <summary>The merchant.</summary>
    public MerchantId MerchantId => Transaction.MerchantId;
}

/// <summary>The partition watermark passed a window boundary: emit the windows that end at or before it.</summary>
/// <param name="Watermark">The partition's watermark.</param>
public sealed record CloseWindows(EventTime Watermark) : IMerchantCommand;

/// <summary>Every upstream source is idle: emit every open window.</summary>
public sealed record FlushWindows : IMerchantCommand
{
    /// <summary>The instance (the command carries nothing).</summary>
    public static readonly FlushWindows Instance = new();
}
