using System.Collections.Concurrent;
using System.Text;

namespace ActorStreams.Entities.Codecs.Internal;

/// <summary>
/// Interns short, low-cardinality UTF-8 strings (currency, category, country…) so decoding them does not
/// allocate once seen. Bounded: past <see cref="MaxEntries"/> new values are allocated normally.
/// </summary>
internal sealed class StringPool
{
    private const int MaxEntries = 4096;
    private const int MaxLength = 64;
    private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        Span<char> chars = stackalloc char[MaxLength];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        var text = chars[..length];
        if (_lookup.TryGetValue(text, out var pooled))
        {
            return pooled;
        }

        var created = new string(text);
        return _strings.Count < MaxEntries ? _strings.GetOrAdd(created, created) : created;
    }
}
