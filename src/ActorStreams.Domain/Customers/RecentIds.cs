using System.IO.Hashing;
using System.Runtime.InteropServices;
using ActorStreams.Domain.Internal;

namespace ActorStreams.Domain.Customers;

/// <summary>
/// The ids one customer has accepted for one kind of record, remembered as <see cref="DuplicateSettings"/> says, to
/// recognise duplicates (docs/design.md §6). Record <c>i</c> is a duplicate when an accepted record <c>j</c> before it
/// has the same id and <c>j</c> is among the last <see cref="DuplicateSettings.RememberLast"/> accepted records or
/// <c>t_j ≥ maxT − RememberWithin</c>, with <c>maxT</c> the newest event time accepted before <c>i</c>. Exact: a
/// forgotten id would never be remembered again (the count only moves on, <c>maxT</c> only grows), so forgetting it loses nothing.
/// </summary>
/// <remarks>
/// Ids are kept as 64-bit keys: integer ids as they are, string ids as their XxHash3 (two different ids of one
/// customer collide with probability about n²/2⁶⁵ for n remembered ids). Small sets are scanned; larger ones indexed.
/// </remarks>
public sealed class RecentIds
{
    private const int IndexFrom = 16;
    private const int MaxRemembered = 50_000_000;

    private readonly DuplicateSettings _settings;
    private Entry[] _ring = [];
    private int _head;
    private int _ringCount;
    private PriorityQueue<ulong, long>? _older;
    private HashSet<ulong>? _index;
    private long _maxTicks = long.MinValue;
    private long _duplicates;

    /// <summary>Creates the empty set of a customer with no record of this kind yet.</summary>
    public RecentIds(DuplicateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
    }

    /// <summary>Records recognised as duplicates so far.</summary>
    public long Duplicates => _duplicates;

    /// <summary>Ids remembered now.</summary>
    public int Count => _ringCount + (_older?.Count ?? 0);

    /// <summary>The 64-bit key of a string id (XxHash3 of its UTF-16 code units, the same on every machine).</summary>
    public static ulong KeyOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return XxHash3.HashToUInt64(MemoryMarshal.AsBytes(id.AsSpan()));
    }

    /// <summary>The key of an integer id: the id itself.</summary>
    public static ulong KeyOf(long id) => unchecked((ulong)id);

    /// <summary>
    /// Accepts the next record of this kind in arrival order, or recognises it as a duplicate (counted; nothing remembered).
    /// </summary>
    /// <returns>False for a duplicate.</returns>
    public bool TryAdd(ulong key, EventTime time)
    {
        if (Contains(key))
        {
            _duplicates++;
            return false;
        }

        if (time.Ticks > _maxTicks)
        {
            _maxTicks = time.Ticks;
        }

        Remember(key, time.Ticks);
        Prune();
        return true;
    }

    /// <summary>Whether the key is remembered now.</summary>
    public bool Contains(ulong key)
    {
        if (_index is { } index)
        {
            return index.Contains(key);
        }

        var ring = _ring;
        for (var i = 0; i < _ringCount; i++)
        {
            if (ring[(_head + i) % ring.Length].Key == key)
            {
                return true;
            }
        }

        if (_older is { Count: > 0 } older)
        {
            foreach (var (olderKey, _) in older.UnorderedItems)
            {
                if (olderKey == key)
                {
                    return true;
                }
            }
        }

        return false;
    }

    internal void WriteTo(SnapshotWriter writer)
    {
        writer.WriteInt64(_maxTicks);
        writer.WriteInt64(_duplicates);
        writer.WriteInt32(_ringCount);
        for (var i = 0; i < _ringCount; i++)
        {
            var entry = _ring[(_head + i) % _ring.Length];
            writer.WriteInt64(unchecked((long)entry.Key));
            writer.WriteInt64(entry.Ticks);
        }

        var olderCount = _older?.Count ?? 0;
        writer.WriteInt32(olderCount);
        if (_older is { } older)
        {
            foreach (var (key, ticks) in older.UnorderedItems)
            {
                writer.WriteInt64(unchecked((long)key));
                writer.WriteInt64(ticks);
            }
        }
    }

    internal static RecentIds ReadFrom(ref SnapshotReader reader, DuplicateSettings settings)
    {
        var ids = new RecentIds(settings)
        {
            _maxTicks = reader.ReadInt64(),
            _duplicates = reader.ReadInt64(),
        };
        var ringCount = reader.ReadCount(MaxRemembered);
        for (var i = 0; i < ringCount; i++)
        {
            var key = unchecked((ulong)reader.ReadInt64());
            ids.Remember(key, reader.ReadInt64());
        }

        var olderCount = reader.ReadCount(MaxRemembered);
        for (var i = 0; i < olderCount; i++)
        {
            var key = unchecked((ulong)reader.ReadInt64());
            ids.RememberOlder(key, reader.ReadInt64());
        }

        // A snapshot written under other settings is brought to these.
        ids.Prune();
        return ids;
    }

    private long Horizon => _maxTicks == long.MinValue ? long.MinValue : _maxTicks - _settings.RememberWithin.Ticks;

    private void Remember(ulong key, long ticks)
    {
        var capacity = _settings.RememberLast;
        if (capacity == 0)
        {
            if (ticks >= Horizon)
            {
                RememberOlder(key, ticks);
            }

            return;
        }

        if (_ringCount == capacity)
        {
            // The oldest arrival leaves the count; it stays remembered while its time is recent.
            var evicted = _ring[_head];
            _head = (_head + 1) % _ring.Length;
            _ringCount--;
            if (evicted.Ticks >= Horizon)
            {
                RememberOlder(evicted.Key, evicted.Ticks);
            }
            else
            {
                _index?.Remove(evicted.Key);
            }
        }

        if (_ringCount == _ring.Length)
        {
            Grow(capacity);
        }

        _ring[(_head + _ringCount) % _ring.Length] = new Entry(key, ticks);
        _ringCount++;
        Index(key);
    }

    private void RememberOlder(ulong key, long ticks)
    {
        (_older ??= new PriorityQueue<ulong, long>()).Enqueue(key, ticks);
        Index(key);
    }

    private void Index(ulong key)
    {
        if (_index is { } index)
        {
            index.Add(key);
            return;
        }

        if (Count < IndexFrom)
        {
            return;
        }

        index = new HashSet<ulong>(Count * 2);
        for (var i = 0; i < _ringCount; i++)
        {
            index.Add(_ring[(_head + i) % _ring.Length].Key);
        }

        if (_older is { } older)
        {
            foreach (var (olderKey, _) in older.UnorderedItems)
            {
                index.Add(olderKey);
            }
        }

        _index = index;
    }

    private void Prune()
    {
        if (_older is not { } older)
        {
            return;
        }

        var horizon = Horizon;
        while (older.TryPeek(out var key, out var ticks) && ticks < horizon)
        {
            older.Dequeue();
            _index?.Remove(key);
        }
    }

    private void Grow(int capacity)
    {
        var grown = new Entry[Math.Min(capacity, Math.Max(4, _ring.Length * 2))];
        for (var i = 0; i < _ringCount; i++)
        {
            grown[i] = _ring[(_head + i) % _ring.Length];
        }

        _ring = grown;
        _head = 0;
    }

    private readonly record struct Entry(ulong Key, long Ticks);
}
