using System.Globalization;
using System.Text.Json;

namespace ActorStreams.Generator.Internal;

/// <summary>Public-looking IPv4 addresses for fraudsters, drawn from the stream's own <see cref="FastRandom"/> (never a customer's address).</summary>
internal static class PublicIp
{
    /// <summary>An address outside the loopback and the common private ranges' first octets.</summary>
    public static JsonEncodedText Draw(FastRandom random)
    {
        Span<char> text = stackalloc char[15];
        var first = random.Between(11, 223);
        if (first is 127 or 172 or 192)
        {
            first++;
        }

        var written = 0;
        foreach (var octet in (ReadOnlySpan<int>)[first, random.Next(256), random.Next(256), random.Between(1, 254)])
        {
            if (written > 0)
            {
                text[written++] = '.';
            }

            octet.TryFormat(text[written..], out var n, default, CultureInfo.InvariantCulture);
            written += n;
        }

        return JsonEncodedText.Encode(text[..written]);
    }
}
