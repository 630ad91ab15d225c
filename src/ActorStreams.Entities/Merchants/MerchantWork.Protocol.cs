using ActorStreams.Cluster.Sharding;
using ActorStreams.Domain;
using ActorStreams.Domain.Merchants;

namespace ActorStreams.Entities.Merchants;

/// <summary>Marker of the work a merchant shard sends its entities.</summary>
public interface IMerchantCommand;

/// <summary>Add a forwarded transaction to its window.</summary>
/// <param name="transaction">The repartition record.</param>
internal sealed class AddToWindow(MerchantTransaction transaction) : ShardWork, IMerchantCommand
{
    public MerchantTransaction Transaction { get; } = transaction;
}

/// <summary>The partition watermark passed a window boundary: emit the windows that end at or before it.</summary>
/// <param name="watermark">The partition's watermark.</param>
internal sealed class CloseWindows(EventTime watermark) : ShardWork, IMerchantCommand
{
    public EventTime Watermark { get; } = watermark;
}

/// <summary>Every upstream source is idle: emit every open window.</summary>
internal sealed class FlushWindows : ShardWork, IMerchantCommand;
