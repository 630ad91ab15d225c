using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorStreams.Cli;

/// <summary>
/// Hides secrets in configuration shown to people: every non-empty string under a key that names a password, secret,
/// token or API key (<c>actorstreams.elasticsearch.password</c>, <c>api-key</c>, librdkafka's <c>sasl.password</c>,
/// <c>ssl.key.password</c>, <c>sasl.oauthbearer.client.secret</c>, …) becomes <see cref="Mask"/>.
/// </summary>
internal static class SecretRedaction
{
    /// <summary>What a secret is shown as.</summary>
    public const string Mask = "<redacted>";

    private static readonly string[] SecretWords = ["password", "secret", "token", "api-key", "api_key", "apikey", "credential"];

    /// <summary>Whether a configuration key (its last path segment, or a quoted librdkafka property) holds a secret.</summary>
    public static bool IsSecretKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        foreach (var word in SecretWords)
        {
            if (key.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The JSON text <paramref name="json"/> with every secret masked, indented as asked.</summary>
    public static string RedactJson(string json, bool indented)
    {
        var root = JsonNode.Parse(json);
        Redact(root);
        return root?.ToJsonString(new JsonSerializerOptions { WriteIndented = indented }) ?? "null";
    }

    private static void Redact(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (IsSecretKey(name) && obj[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0)
                    {
                        obj[name] = Mask;
                    }
                    else
                    {
                        Redact(obj[name]);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Redact(item);
                }

                break;
        }
    }
}
