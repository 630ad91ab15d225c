namespace ActorStreams.Entities.Codecs;

/// <summary>The kinds of record on the merchant repartition topic (the <c>type</c> field).</summary>
public enum MerchantRecordKind
{
    /// <summary><c>"tx"</c>: a forwarded transaction, keyed by <c>merchant_id</c>.</summary>
    Transaction,

    /// <summary><c>"watermark"</c>: a customer partition's watermark, sent unkeyed to every merchant partition.</summary>
    Watermark,

    /// <summary><c>"idle"</c>: a customer partition declares itself idle, sent unkeyed to every merchant partition.</summary>
    Idle,
}
