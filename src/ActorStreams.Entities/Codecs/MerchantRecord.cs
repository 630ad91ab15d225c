using System.Diagnostics.CodeAnalysis;
using ActorStreams.Domain;
using ActorStreams.Domain.Merchants;

namespace ActorStreams.Entities.Codecs;

/// <summary>
/// A decoded record of the merchant repartition topic: a forwarded transaction (data) or a control record
/// from one customer partition (its watermark, or that it is idle). A struct, so control records cost no
/// allocation and data records only their <see cref="MerchantTransaction"/>.
/// </summary>
public readonly record struct MerchantRecord
{
    private MerchantRecord(MerchantRecordKind kind, MerchantTransaction? transaction, int sourcePartition, EventTime watermark)
    {
        Kind = kind;
        Transaction = transaction;
        SourcePartition = sourcePartition;
        Watermark = watermark;
    }

    /// <summary>Data, watermark or idle.</summary>
    public MerchantRecordKind Kind { get; }

    /// <summary>The forwarded transaction when <see cref="Kind"/> is <see cref="MerchantRecordKind.Transaction"/>, else null.</summary>
    public MerchantTransaction? Transaction { get; }

    /// <summary>The customer partition (upstream source) that sent the record, for every kind.</summary>
    public int SourcePartition { get; }

    /// <summary>The source's watermark: the control record's, or the one a transaction carries; default for idle.</summary>
    public EventTime Watermark { get; }

    /// <summary>True for a data record; then <see cref="Transaction"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Transaction))]
    public bool IsTransaction => Transaction is not null;

    /// <summary>A data record.</summary>
    public static MerchantRecord Data(MerchantTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return new(MerchantRecordKind.Transaction, transaction, transaction.SourcePartition, transaction.SourceWatermark);
    }

    /// <summary>A watermark control record.</summary>
    public static MerchantRecord WatermarkOf(int sourcePartition, EventTime watermark)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sourcePartition);
        return new(MerchantRecordKind.Watermark, null, sourcePartition, watermark);
    }

    /// <summary>An idle control record.</summary>
    public static MerchantRecord IdleOf(int sourcePartition)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sourcePartition);
        return new(MerchantRecordKind.Idle, null, sourcePartition, default);
    }
}
