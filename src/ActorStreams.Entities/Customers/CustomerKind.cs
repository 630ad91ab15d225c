using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Globalization;
using ActorStreams.Cluster.Sharding;
using ActorStreams.Domain;
using ActorStreams.Domain.Customers;
using ActorStreams.Entities.Codecs;

namespace ActorStreams.Entities.Customers;

/// <summary>Customers: keyed by <c>customer_id</c>, state <see cref="CustomerState"/>.</summary>
internal sealed class CustomerKind(CustomerStateSettings settings) : EntityKind<long, CustomerState>
{
    public const string KindName = "customer";

    public override string Name => KindName;

    public override string FormatId(long id) => id.ToString(CultureInfo.InvariantCulture);

    public override bool TryParseId(string text, [NotNullWhen(true)] out long id) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out id);

    public override void Describe(CustomerState state, Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("customer_id", state.CustomerId.Value);
        var fraud = state.Fraud;
        writer.WriteStartObject("fraud");
        writer.WriteNumber("transactions", fraud.TransactionCount);
        writer.WriteNumber("late_events", fraud.LateEvents);
        WriteTime(writer, "max_event_time", fraud.MaxEventTime);
        writer.WriteNumber("windowed_transactions", fraud.WindowedTransactionCount);
        writer.WriteStartArray("recent_devices");
        foreach (var device in fraud.RecentDevices)
        {
            writer.WriteStringValue(device);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteStartObject("churn");
        writer.WriteNumber("activities", state.Churn.ActivityCount);
        if (state.Churn.Score is { } score)
        {
            writer.WriteNumber("score", score);
        }
        else
        {
            writer.WriteNull("score");
        }

        writer.WriteEndObject();
        writer.WriteStartObject("duplicates");
        writer.WriteNumber("transactions", state.DuplicateTransactions);
        writer.WriteNumber("activities", state.DuplicateActivities);
        writer.WriteNumber("loan_applications", state.DuplicateLoanApplications);
        writer.WriteNumber("customer_events", state.DuplicateCustomerEvents);
        writer.WriteEndObject();
        if (state.Behaviour is { LastEventTime: { } newest } behaviour)
        {
            // As of the customer's newest event: what the customer looked like when last seen.
            BehaviourFeaturesJson.Write(writer, "behaviour", behaviour.Compute(newest), newest);
            writer.WriteNumber("behaviour_events", behaviour.EventCount);
            if (state.ModelScore is { } modelScore)
            {
                writer.WriteNumber("model_score", modelScore);
            }
            else
            {
                writer.WriteNull("model_score");
            }
        }
        else
        {
            writer.WriteNull("behaviour");
        }

        writer.WriteNumber("rfm_retained_days", state.Rfm.RetainedDays);
        writer.WriteNumber("buffered_activities", state.Enrichment.BufferedCount);
        if (state.Enrichment.Details is { } details)
        {
            writer.WriteStartObject("details");
            writer.WriteString("first_name", details.FirstName);
            writer.WriteString("last_name", details.LastName);
            writer.WriteString("email", details.Email);
            writer.WriteString("gender", details.Gender);
            writer.WriteNumber("income", details.Income);
            writer.WriteNumber("fico", details.Fico);
            writer.WriteNumber("years_active", details.YearsActive);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("details");
        }

        writer.WriteEndObject();
    }

    public override CustomerState Create(long id) => new(new CustomerId(id), settings);

    public override CustomerState Restore(long id, ReadOnlySpan<byte> snapshot) => CustomerState.Read(snapshot, settings);

    public override void Serialize(CustomerState state, IBufferWriter<byte> output) => state.Write(output);

    private static void WriteTime(Utf8JsonWriter writer, string name, EventTime? time)
    {
        if (time is { } value)
        {
            writer.WriteString(name, value.ToIsoString());
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
