using ActorStreams.Domain.Internal;

namespace ActorStreams.Domain.Behaviour.Internal;

/// <summary>
/// Event counts per value (category or device) for the first <c>capacity</c> distinct values in arrival order; events of
/// any later new value go to <see cref="Other"/>. A linear scan: the capacity is small and values are usually interned.
/// </summary>
internal sealed class CappedCounts(int capacity)
{
    private const int InitialSize = 4;
    private readonly int _capacity = capacity;
    private string[] _names = [];
    private long[] _counts = [];
    private int _length;

    /// <summary>Distinct values counted one by one.</summary>
    public int Length => _length;

    /// <summary>Events of values beyond the capacity.</summary>
    public long Other { get; private set; }

    public string NameAt(int index) => _names[index];

    public long CountAt(int index) => _counts[index];

    public void Add(string name)
    {
        var index = IndexOf(name);
        if (index >= 0)
        {
            _counts[index]++;
            return;
        }

        if (_length == _capacity)
        {
            Other++;
            return;
        }

        if (_length == _names.Length)
        {
            var size = Math.Min(_capacity, Math.Max(InitialSize, _names.Length * 2));
            Array.Resize(ref _names, size);
            Array.Resize(ref _counts, size);
        }

        _names[_length] = name;
        _counts[_length] = 1;
        _length++;
    }

    public int IndexOf(string name)
    {
        for (var i = 0; i < _length; i++)
        {
            if (ReferenceEquals(_names[i], name) || string.Equals(_names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index of the largest count, ties to the ordinally smallest name; -1 when empty.</summary>
    public int IndexOfMax()
    {
        var best = -1;
        for (var i = 0; i < _length; i++)
        {
            if (best < 0 || _counts[i] > _counts[best] || (_counts[i] == _counts[best] && string.CompareOrdinal(_names[i], _names[best]) < 0))
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>The <paramref name="count"/> largest, ties by name (ordinal).</summary>
    public CategoryCount[] Top(int count)
    {
        var all = new CategoryCount[_length];
        for (var i = 0; i < _length; i++)
        {
            all[i] = new CategoryCount(_names[i], _counts[i]);
        }

        Array.Sort(all, static (a, b) => b.Events != a.Events ? b.Events.CompareTo(a.Events) : string.CompareOrdinal(a.Category, b.Category));
        return all.Length <= count ? all : all[..count];
    }

    public void WriteTo(SnapshotWriter writer)
    {
        writer.WriteInt64(Other);
        writer.WriteInt32(_length);
        for (var i = 0; i < _length; i++)
        {
            writer.WriteString(_names[i]);
            writer.WriteInt64(_counts[i]);
        }
    }

    /// <summary>Restores what <see cref="WriteTo"/> wrote; values beyond a smaller capacity now fall into <see cref="Other"/>.</summary>
    public static CappedCounts ReadFrom(ref SnapshotReader reader, int capacity)
    {
        var counts = new CappedCounts(capacity) { Other = ReadCount(ref reader) };
        var length = reader.ReadCount(1 << 16);
        for (var i = 0; i < length; i++)
        {
            var name = reader.ReadRequiredString();
            var count = ReadCount(ref reader);
            if (count == 0)
            {
                throw reader.Corrupt("a tracked value with no events");
            }

            if (counts.IndexOf(name) >= 0)
            {
                throw reader.Corrupt($"value \"{name}\" tracked twice");
            }

            if (counts._length < capacity)
            {
                counts.Add(name);
                counts._counts[counts._length - 1] = count;
            }
            else
            {
                counts.Other += count;
            }
        }

        return counts;
    }

    private static long ReadCount(ref SnapshotReader reader)
    {
        var count = reader.ReadInt64();
        return count >= 0 ? count : throw reader.Corrupt("negative event count");
    }
}
