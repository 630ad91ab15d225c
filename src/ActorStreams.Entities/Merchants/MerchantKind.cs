using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Domain;
using ActorStreams.Domain.Merchants;

namespace ActorStreams.Entities.Merchants;

/// <summary>Merchants: keyed by <c>merchant_id</c>, state <see cref="MerchantWindowState"/>.</summary>
internal sealed class MerchantKind(MerchantWindowSettings settings) : EntityKind<string, MerchantWindowState>
{
    public const string KindName = "merchant";

    public override string Name => KindName;

    public override string FormatId(string id) => id;

    public override bool TryParseId(string text, [NotNullWhen(true)] out string? id)
    {
        id = text;
        return !string.IsNullOrEmpty(text);
    }

    public override void Describe(MerchantWindowState state, Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("merchant_id", state.MerchantId.Value);
        writer.WriteString("closed_through", state.ClosedThrough.Ticks == long.MinValue ? null : state.ClosedThrough.ToIsoString());
        writer.WriteNumber("late_events", state.LateEvents);
        writer.WriteNumber("duplicate_events", state.DuplicateEvents);
        writer.WriteStartArray("open_windows");
        foreach (var window in state.PreviewOpenWindows())
        {
            writer.WriteStartObject();
            writer.WriteString("window_start", window.WindowStart.ToIsoString());
            writer.WriteString("window_end", window.WindowEnd.ToIsoString());
            writer.WriteString("merchant_category", window.MerchantCategory);
            writer.WriteNumber("tx_count", window.TxCount);
            writer.WriteNumber("total_amount", window.TotalAmount);
            writer.WriteNumber("max_amount", window.MaxAmount);
            writer.WriteNumber("fraud_alert_count", window.FraudAlertCount);
            writer.WriteNumber("fraud_labeled_count", window.FraudLabeledCount);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public override bool KeepActive(MerchantWindowState state) => state.OpenWindowCount > 0;

    public override MerchantWindowState Create(string id) => new(new MerchantId(id), settings);

    public override MerchantWindowState Restore(string id, ReadOnlySpan<byte> snapshot) => MerchantWindowState.Read(snapshot, settings);

    public override void Serialize(MerchantWindowState state, IBufferWriter<byte> output) => state.Write(output);
}
