using ActorStreams.Entities.Codecs;

namespace ActorStreams.Entities.Internal;

/// <summary>
/// One set of output encoders per thread: an encoder reuses its buffer, so it must not be shared between threads,
/// and one per entity would cost memory per entity. Entities run on thread-pool threads, one turn at a time.
/// </summary>
internal sealed class OutputEncoders
{
    [ThreadStatic]
    private static OutputEncoders? _current;

    public static OutputEncoders Current => _current ??= new OutputEncoders();

    public FraudAlertEncoder FraudAlert { get; } = new();

    public ChurnAlertEncoder ChurnAlert { get; } = new();

    public ChurnModelAlertEncoder ChurnModelAlert { get; } = new();

    public CustomerFeaturesEncoder CustomerFeatures { get; } = new();

    public EnrichedActivityEncoder EnrichedActivity { get; } = new();

    public MerchantMetricEncoder MerchantMetric { get; } = new();

    public MerchantRecordCodec MerchantRecord { get; } = new();

    public LoanRiskEncoder LoanRisk { get; } = new();

    public LoanFraudAlertEncoder LoanFraudAlert { get; } = new();

    public LoanStatsEncoder LoanStats { get; } = new();

    public LoanChannelEncoder LoanChannel { get; } = new();

    public LoanSegmentEncoder LoanSegment { get; } = new();

    public FunnelMetricEncoder FunnelMetric { get; } = new();

    public ChurnSegmentEncoder ChurnSegment { get; } = new();
}
