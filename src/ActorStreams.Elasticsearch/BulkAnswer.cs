using System.Text;
using System.Text.Json;

namespace ActorStreams.Elasticsearch;

/// <summary>Reads Elasticsearch's answers: a <c>_bulk</c> answer's item statuses and errors, and the error of a refused request.</summary>
internal static class BulkAnswer
{
    /// <summary>The outcome of item <c>i</c> of the request, in request order.</summary>
    /// <exception cref="ElasticsearchSinkException">The answer is not a bulk answer for <paramref name="expected"/> items.</exception>
    public static (int Status, string Error)[] Read(byte[] answer, int expected)
    {
        try
        {
            using var json = JsonDocument.Parse(answer);
            if (json.RootElement.ValueKind != JsonValueKind.Object
                || !json.RootElement.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                throw new ElasticsearchSinkException("the bulk answer has no \"items\" array");
            }

            if (items.GetArrayLength() != expected)
            {
                throw new ElasticsearchSinkException($"the bulk answer has {items.GetArrayLength()} items for {expected} documents");
            }

            var outcomes = new (int, string)[expected];
            var i = 0;
            foreach (var item in items.EnumerateArray())
            {
                var result = item.EnumerateObject().FirstOrDefault().Value;
                if (result.ValueKind != JsonValueKind.Object || !result.TryGetProperty("status", out var status) || !status.TryGetInt32(out var code))
                {
                    throw new ElasticsearchSinkException($"bulk answer item {i} has no status");
                }

                outcomes[i++] = (code, result.TryGetProperty("error", out var error) ? Describe(error) : string.Empty);
            }

            return outcomes;
        }
        catch (JsonException ex)
        {
            throw new ElasticsearchSinkException($"the bulk answer is not JSON: {ex.Message}", ex);
        }
    }

    /// <summary>The error of an answer that is not a success: its <c>error</c> object described, or the start of the body.</summary>
    public static string ErrorText(byte[]? body)
    {
        if (body is not { Length: > 0 })
        {
            return "(empty answer)";
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error))
            {
                return Describe(error);
            }
        }
        catch (JsonException)
        {
            // Not JSON: show the start of it.
        }

        return Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 300)));
    }

    /// <summary>An Elasticsearch error object (or string) as <c>type: reason</c>, with its first root cause when it differs.</summary>
    public static string Describe(JsonElement error)
    {
        if (error.ValueKind != JsonValueKind.Object)
        {
            return error.ToString();
        }

        var text = new StringBuilder();
        text.Append(error.TryGetProperty("type", out var type) ? type.ToString() : "error");
        if (error.TryGetProperty("reason", out var reason))
        {
            text.Append(": ").Append(reason.ToString());
        }

        if (error.TryGetProperty("caused_by", out var cause) && cause.ValueKind == JsonValueKind.Object)
        {
            text.Append(" (caused by ").Append(Describe(cause)).Append(')');
        }

        return text.ToString();
    }
}
