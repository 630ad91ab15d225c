using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Unicode;
using ActorStreams.Kafka.Decoding;

namespace ActorStreams.Kafka.Tests.Support;

/// <summary>The customer id of a decoded test record.</summary>
internal sealed record TestTransaction(long CustomerId);

/// <summary>
/// A small stand-in for the real transaction decoder (ActorStreams.Entities, which this layer must not
/// reference): enough validation to give dead-letter reasons to the Kafka-layer tests.
/// </summary>
internal sealed class TestTransactionDecoder : IRecordDecoder<TestTransaction>
{
    private static readonly string[] RequiredFields = ["transaction_id", "customer_id", "amount", "device_id"];

    public bool TryDecode(ReadOnlySpan<byte> value, [NotNullWhen(true)] out TestTransaction? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (!Utf8.IsValid(value))
        {
            error = "value is not valid UTF-8";
            return false;
        }

        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(value);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            error = $"value is not valid JSON: {ex.Message}";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "value must be a JSON object";
                return false;
            }

            foreach (var field in RequiredFields)
            {
                if (!root.TryGetProperty(field, out _))
                {
                    error = $"missing required field \"{field}\"";
                    return false;
                }
            }

            var amount = root.GetProperty("amount");
            if (amount.ValueKind != JsonValueKind.Number || amount.GetDecimal() <= 0)
            {
                error = $"field \"amount\" must be a number > 0, got {amount.GetRawText()}";
                return false;
            }

            result = new TestTransaction(root.GetProperty("customer_id").GetInt64());
            error = null;
            return true;
        }
    }
}
