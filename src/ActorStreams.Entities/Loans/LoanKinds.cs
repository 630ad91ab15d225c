using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Domain.Loans;

namespace ActorStreams.Entities.Loans;

/// <summary>The loan sharded type's name, shared by its two entity kinds (devices and aggregates).</summary>
internal static class LoanKind
{
    public const string KindName = "loan";
}

/// <summary>Devices of the loan type: id <c>device:&lt;device_id&gt;</c>, state <see cref="DeviceState"/>.</summary>
internal sealed class DeviceKind(LoanSettings settings) : EntityKind<string, DeviceState>
{
    public override string Name => LoanKind.KindName;

    public override string FormatId(string id) => id;

    public override bool TryParseId(string text, [NotNullWhen(true)] out string? id)
    {
        id = text;
        return text.Length > LoanWindowKeys.DevicePrefix.Length && text.StartsWith(LoanWindowKeys.DevicePrefix, StringComparison.Ordinal);
    }

    public override void Describe(DeviceState state, Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("device_id", state.DeviceId);
        writer.WriteNumber("applications", state.Applications);
        writer.WriteNumber("late_applications", state.LateApplications);
        writer.WriteNumber("duplicates", state.Duplicates);
        writer.WriteNumber("device_shared_alerts", state.Alerts);
        writer.WriteNumber("waiting", state.PendingCount);
        writer.WriteNumber("remembered", state.HistoryCount);
        writer.WriteEndObject();
    }

    public override DeviceState Create(string id) => new(id[LoanWindowKeys.DevicePrefix.Length..], settings);

    public override DeviceState Restore(string id, ReadOnlySpan<byte> snapshot) => DeviceState.Read(snapshot, settings);

    public override void Serialize(DeviceState state, IBufferWriter<byte> output) => state.Write(output);
}

/// <summary>Channel and segment aggregates of the loan type: id <c>channel:&lt;c&gt;</c> or <c>segment:&lt;s&gt;</c>.</summary>
internal sealed class LoanAggregateKind(LoanSettings settings) : EntityKind<string, LoanAggregateState>
{
    public override string Name => LoanKind.KindName;

    public override string FormatId(string id) => id;

    public override bool TryParseId(string text, [NotNullWhen(true)] out string? id)
    {
        id = text;
        return LoanWindowKeys.IsAggregate(text);
    }

    public override void Describe(LoanAggregateState state, Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("key", state.Key);
        writer.WriteNumber("open_windows", state.OpenCount);
        writer.WriteNumber("late_partials", state.LatePartials);
        writer.WriteNumber("duplicate_partials", state.DuplicatePartials);
        writer.WriteEndObject();
    }

    public override LoanAggregateState Create(string id) => new(id, settings);

    public override LoanAggregateState Restore(string id, ReadOnlySpan<byte> snapshot) => LoanAggregateState.Read(snapshot, settings);

    public override void Serialize(LoanAggregateState state, IBufferWriter<byte> output) => state.Write(output);
}
