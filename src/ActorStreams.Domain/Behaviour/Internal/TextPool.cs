using System.Text;

namespace ActorStreams.Domain.Behaviour.Internal;

/// <summary>
/// Interns the low-cardinality strings of one parser (category, device, city, country) so a value seen before costs no
/// allocation. Single-threaded; bounded: past its capacity, new values are allocated as usual.
/// </summary>
internal sealed class TextPool
{
    private const int Capacity = 4096;
    private const int MaxChars = 64;
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _byChars;

    public TextPool() => _byChars = _values.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Intern(ReadOnlySpan<byte> utf8)
    {
        if (Encoding.UTF8.GetMaxCharCount(utf8.Length) > MaxChars && Encoding.UTF8.GetCharCount(utf8) > MaxChars)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        Span<char> buffer = stackalloc char[MaxChars];
        var chars = buffer[..Encoding.UTF8.GetChars(utf8, buffer)];
        if (_byChars.TryGetValue(chars, out var known))
        {
            return known;
        }

        var text = new string(chars);
        if (_values.Count < Capacity)
        {
            _values.Add(text, text);
        }

        return text;
    }
}
