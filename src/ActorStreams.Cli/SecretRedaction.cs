using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorStreams.Cli;

/// <summary>
/// Hides secrets in configuration shown to people: every non-empty string under a key that names a password, secret,
/// token or API key (<c>actorstreams.elasticsearch.password</c>, <c>api-key</c>, librdkafka's <c>sasl.password</c>,
/// <c>ssl.key.password</c>, <c>sasl.oauthbearer.client.secret</c>, …) becomes <see cref="Mask"/>, and so does the
/// password of any URI written <c>scheme://user:password@host…</c> (<c>actorstreams.store.uri</c>,
/// <c>actorstreams.elasticsearch.url</c>) or a <c>Password=…</c> part of a connection string.
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

    /// <summary>
    /// <paramref name="text"/> with the password of a <c>scheme://user:password@…</c> URI, and the value of every
    /// <c>Password=</c> part of a connection string, replaced by <see cref="Mask"/>.
    /// </summary>
    public static string RedactUserInfo(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0)
        {
            var start = scheme + 3;
            var end = text.IndexOfAny(['/', '?', '#'], start);
            var authority = end < 0 ? text[start..] : text[start..end];
            var at = authority.LastIndexOf('@');
            var colon = at < 0 ? -1 : authority.IndexOf(':', 0, at);
            if (colon >= 0)
            {
                return string.Concat(text.AsSpan(0, start + colon + 1), Mask, text.AsSpan(start + at));
            }
        }

        return System.Text.RegularExpressions.Regex.Replace(text, "(?i)(password|pwd)\\s*=\\s*[^;]*", m => $"{m.Groups[1].Value}={Mask}");
    }

    private static void Redact(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (obj[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0)
                    {
                        if (IsSecretKey(name))
                        {
                            obj[name] = Mask;
                        }
                        else if (RedactUserInfo(text) is var redacted && !string.Equals(redacted, text, StringComparison.Ordinal))
                        {
                            obj[name] = redacted;
                        }
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
