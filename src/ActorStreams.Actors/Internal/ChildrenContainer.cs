namespace ActorStreams.Actors.Internal;

/// <summary>
/// A cell's children, allocated with the first child. Locked because the user guardian's children are created
/// from any thread (<c>ActorSystem.ActorOf</c>); other cells touch it from their own thread only (uncontended).
/// </summary>
internal sealed class ChildrenContainer
{
    private readonly Dictionary<string, ActorCell> _byName = new(StringComparer.Ordinal);
    private HashSet<ActorCell>? _stopping;
    private Dictionary<ActorCell, RestartStatistics>? _statistics;
    private long _autoNameCounter;
    private bool _terminating;

    public bool IsEmpty
    {
        get
        {
            lock (this)
            {
                return _byName.Count == 0;
            }
        }
    }

    public bool AnyStopping
    {
        get
        {
            lock (this)
            {
                return _stopping is { Count: > 0 };
            }
        }
    }

    public string NextAutoName()
    {
        var n = Interlocked.Increment(ref _autoNameCounter);
        Span<char> buffer = stackalloc char[16];
        var i = buffer.Length;
        do
        {
            buffer[--i] = "0123456789abcdefghijklmnopqrstuvwxyz"[(int)(n % 36)];
            n /= 36;
        }
        while (n > 0);
        buffer[--i] = '$';
        return new string(buffer[i..]);
    }

    /// <summary>Adds a child; false when the parent is terminating.</summary>
    /// <exception cref="InvalidActorNameException">The name is taken.</exception>
    public bool TryAdd(ActorCell child)
    {
        lock (this)
        {
            if (_terminating)
            {
                return false;
            }

            if (!_byName.TryAdd(child.Name, child))
            {
                throw new InvalidActorNameException($"actor name [{child.Name}] is not unique under {child.Parent.Path}");
            }

            return true;
        }
    }

    public ActorCell? Get(string name)
    {
        lock (this)
        {
            return _byName.GetValueOrDefault(name);
        }
    }

    public bool Contains(ActorCell child)
    {
        lock (this)
        {
            return _byName.TryGetValue(child.Name, out var c) && ReferenceEquals(c, child);
        }
    }

    public ActorCell[] Snapshot()
    {
        lock (this)
        {
            return [.. _byName.Values];
        }
    }

    public void MarkStopping(ActorCell child)
    {
        lock (this)
        {
            if (_byName.TryGetValue(child.Name, out var c) && ReferenceEquals(c, child))
            {
                (_stopping ??= []).Add(child);
            }
        }
    }

    /// <summary>Marks the container terminating (no more children) and returns the children to stop.</summary>
    public ActorCell[] BeginTermination()
    {
        lock (this)
        {
            _terminating = true;
            foreach (var child in _byName.Values)
            {
                (_stopping ??= []).Add(child);
            }

            return [.. _byName.Values];
        }
    }

    public bool Remove(ActorCell child)
    {
        lock (this)
        {
            _stopping?.Remove(child);
            _statistics?.Remove(child);
            return _byName.TryGetValue(child.Name, out var c) && ReferenceEquals(c, child) && _byName.Remove(child.Name);
        }
    }

    public RestartStatistics StatisticsFor(ActorCell child)
    {
        lock (this)
        {
            _statistics ??= [];
            if (!_statistics.TryGetValue(child, out var stats))
            {
                stats = new RestartStatistics();
                _statistics[child] = stats;
            }

            return stats;
        }
    }
}
