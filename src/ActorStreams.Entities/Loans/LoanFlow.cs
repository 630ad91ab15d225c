using System.Buffers;
using System.Text;
using ActorStreams.Cluster.Partitions;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Domain;
using ActorStreams.Domain.Loans;
using ActorStreams.Domain.Merchants;
using ActorStreams.Entities.Codecs;
using ActorStreams.Kafka.Consumer;
using ActorStreams.Kafka.Producer;

namespace ActorStreams.Entities.Loans;

/// <summary>
/// The loan steps of partition l's pipeline: partition l of <c>actorstreams-repartition-loans</c> (docs/design.md §6).
/// Two tiers meet here, each with its own watermark over its own sources:
/// <list type="number">
/// <item>applications from the customer partitions go to their device; when the watermark over the customer
/// partitions reaches a waiting application's time its device evaluates it, and this partition adds the decided
/// applications into partial aggregates per window, channel and segment, ships a window's partials when the watermark
/// passes its end, and then announces that watermark, as a source, to every loan partition;</item>
/// <item>partials from the loan partitions go to their channel or segment entity, which emits a window when the
/// watermark over the loan partitions passes its end.</item>
/// </list>
/// Which devices wait and which aggregates have open windows is tracked here (<see cref="LoanPartitionDispatch"/>), so
/// only they are told when the watermarks move: no broadcast reaches the many devices in memory.
/// </summary>
internal sealed class LoanFlow : PartitionFlow
{
    private static readonly object ControlRecord = new();

    private readonly AnalyticsServices _analytics;
    private readonly int _partition;
    private readonly LoanRecordCodec _codec = new();
    private readonly LoanPartitionDispatch _dispatch;
    private readonly LoanPartials _building;

    public LoanFlow(PartitionContext context, AnalyticsServices analytics)
        : base(context)
    {
        _analytics = analytics;
        _partition = context.Partition;
        var settings = analytics.Settings.Loans;
        _dispatch = context.DispatchState is { } dispatch
            ? LoanPartitionDispatch.Read(dispatch, analytics.CustomerPartitions, analytics.LoanPartitions, settings)
            : new LoanPartitionDispatch(analytics.CustomerPartitions, analytics.LoanPartitions, settings);
        _building = context.ForwardState is { } forward ? LoanPartials.Read(forward, settings) : new LoanPartials(settings);
    }

    protected override void DispatchRecord(ConsumedRecord record, List<RouterWork> output)
    {
        if (record.Value is null)
        {
            output.Add(DeadLetter("empty value on the repartition topic", DeadLetterCause.NotJson, record));
            return;
        }

        if (!LoanRecordCodec.TryDecode(record.Value, out var decoded, out var error))
        {
            output.Add(DeadLetter(error, DecodeFailures.Classify(record.Value), record));
            return;
        }

        var source = decoded.SourcePartition;
        var customerTier = decoded.Kind is LoanRecordKind.Application or LoanRecordKind.Watermark or LoanRecordKind.Idle;
        var sources = customerTier ? _dispatch.Applications.SourceCount : _dispatch.Partials.SourceCount;
        if (source >= sources)
        {
            output.Add(DeadLetter($"source_partition {source} is out of range: there are {sources} {(customerTier ? "customer" : "loan")} partitions", DeadLetterCause.InvalidField, record));
            return;
        }

        switch (decoded.Kind)
        {
            case LoanRecordKind.Application:
                OnApplication(record, decoded.Application!, output);
                break;
            case LoanRecordKind.Watermark:
                output.Add(new PassWork(ControlRecord, record));
                OnApplicationsChange(_dispatch.Applications.OnWatermark(source, decoded.Watermark), output);
                break;
            case LoanRecordKind.Idle:
                output.Add(new PassWork(ControlRecord, record));
                OnApplicationsChange(_dispatch.Applications.OnIdle(source), output);
                break;
            case LoanRecordKind.Partial:
                OnPartial(record, decoded.Partial!, source, output);
                break;
            case LoanRecordKind.PartialWatermark:
                output.Add(new PassWork(ControlRecord, record));
                OnPartialsChange(_dispatch.Partials.OnWatermark(source, decoded.Watermark), output);
                break;
            default:
                output.Add(new PassWork(ControlRecord, record));
                OnPartialsChange(_dispatch.Partials.OnIdle(source), output);
                break;
        }
    }

    protected override void ForwardWork(RoutedWork routed, List<ProducerRecord> output)
    {
        switch (routed.Work)
        {
            case EntityWork when routed.Results is [DeviceOutcome outcome]:
                output.AddRange(outcome.Alerts);
                foreach (var verdict in outcome.Verdicts)
                {
                    if (!_building.Add(verdict))
                    {
                        _analytics.Metrics.LoanWindowLate();
                    }
                }

                break;
            case EntityWork when routed.Results is [IReadOnlyList<ProducerRecord> records]:
                output.AddRange(records);
                break;
            case PassWork { Payload: ApplicationsPassed passed }:
                Ship(_building.Ship(passed.Watermark), output);
                if (_building.TryAnnounce(passed.Watermark))
                {
                    Announce(_codec.EncodeWatermark(_partition, passed.Watermark, partial: true), output);
                }

                break;
            case PassWork { Payload: ApplicationsIdle }:
                Ship(_building.ShipAll(), output);
                if (_building.TryAnnounceIdle())
                {
                    Announce(_codec.EncodeIdle(_partition, partial: true), output);
                }

                break;
        }
    }

    protected override byte[]? SaveDispatchState()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        _dispatch.Write(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    protected override byte[]? SaveForwardState()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        _building.Write(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private void OnApplication(ConsumedRecord record, LoanForward application, List<RouterWork> output)
    {
        var key = LoanWindowKeys.Device(application.DeviceId);
        if (!KeyIs(record, key))
        {
            output.Add(DeadLetter($"key does not match {key}", DeadLetterCause.InvalidKey, record));
            return;
        }

        var entityId = PartitionEntityIds.ForRecord(key, _partition, _analytics.LoanPartitions);
        var change = _dispatch.OnApplication(application, entityId);
        output.Add(new EntityWork(entityId, new AddDeviceApplication(application, _dispatch.Applications.Current), record));
        OnApplicationsChange(change, output);
    }

    private void OnApplicationsChange(PartitionWatermarkChange change, List<RouterWork> output)
    {
        switch (change)
        {
            case PartitionWatermarkChange.Advanced:
                var watermark = _dispatch.Applications.Current;
                foreach (var entityId in _dispatch.TakeDueDevices())
                {
                    output.Add(new EntityWork(entityId, new EvaluateDevice(watermark), null));
                }

                output.Add(new PassWork(new ApplicationsPassed(watermark), null));
                break;
            case PartitionWatermarkChange.AllIdle:
                foreach (var entityId in _dispatch.TakeAllDevices())
                {
                    output.Add(new EntityWork(entityId, FlushDevice.Instance, null));
                }

                output.Add(new PassWork(ApplicationsIdle.Instance, null));
                break;
        }
    }

    private void OnPartial(ConsumedRecord record, LoanPartial partial, int source, List<RouterWork> output)
    {
        if (!KeyIs(record, partial.Key))
        {
            output.Add(DeadLetter($"key does not match {partial.Key}", DeadLetterCause.InvalidKey, record));
            return;
        }

        var entityId = PartitionEntityIds.ForRecord(partial.Key, _partition, _analytics.LoanPartitions);
        var change = _dispatch.OnPartial(source, partial.WindowStart, entityId);
        output.Add(new EntityWork(entityId, new AddLoanPartial(partial.WindowStart, source, partial.Aggregate), record));
        OnPartialsChange(change, output);
    }

    private void OnPartialsChange(PartitionWatermarkChange change, List<RouterWork> output)
    {
        switch (change)
        {
            case PartitionWatermarkChange.Advanced:
                var watermark = _dispatch.Partials.Current;
                foreach (var entityId in _dispatch.TakeClosingAggregates())
                {
                    output.Add(new EntityWork(entityId, new CloseLoanWindows(watermark), null));
                }

                break;
            case PartitionWatermarkChange.AllIdle:
                foreach (var entityId in _dispatch.TakeAllAggregates())
                {
                    output.Add(new EntityWork(entityId, FlushLoanWindows.Instance, null));
                }

                break;
        }
    }

    private void Ship(IReadOnlyList<LoanPartial> partials, List<ProducerRecord> output)
    {
        if (partials.Count == 0)
        {
            return;
        }

        if (_building.TryResume(out var lastAnnounced))
        {
            // The loan partitions left this source out while it was idle: bring it back before its data.
            Announce(_codec.EncodeWatermark(_partition, lastAnnounced, partial: true), output);
        }

        foreach (var partial in partials)
        {
            output.Add(new ProducerRecord(_analytics.Topics.RepartitionLoans, Encoding.UTF8.GetBytes(partial.Key), _codec.EncodePartial(partial, _partition)));
            _analytics.Metrics.LoanPartialShipped();
        }
    }

    private void Announce(byte[] control, List<ProducerRecord> output)
    {
        for (var partition = 0; partition < _analytics.LoanPartitions; partition++)
        {
            output.Add(new ProducerRecord(_analytics.Topics.RepartitionLoans, null, control, partition));
        }
    }

    private static bool KeyIs(ConsumedRecord record, string expected) =>
        record.Key is { } key && key.AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(expected));

    private static PassWork DeadLetter(string reason, DeadLetterCause cause, ConsumedRecord record) => new(new DeadLetterReason(reason, cause), record);

    /// <summary>The watermark over the customer partitions advanced to <paramref name="Watermark"/>: ship what it closed.</summary>
    private sealed record ApplicationsPassed(EventTime Watermark);

    /// <summary>Every customer partition is idle: ship everything.</summary>
    private sealed record ApplicationsIdle
    {
        public static readonly ApplicationsIdle Instance = new();
    }
}
