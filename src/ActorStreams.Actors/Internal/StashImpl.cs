namespace ActorStreams.Actors.Internal;

/// <summary>An actor's stash: unstashed envelopes go to the front of the cell's mailbox. Owner's thread only.</summary>
internal sealed class StashImpl(ActorCell cell) : IStash
{
    private readonly LinkedList<Envelope> _stashed = new();

    public int Count => _stashed.Count;

    public void Stash()
    {
        var current = cell.CurrentEnvelope ?? throw new InvalidOperationException("Stash is only possible while processing a message");
        _stashed.AddLast(current);
    }

    public bool Unstash()
    {
        if (_stashed.First is not { } first)
        {
            return false;
        }

        _stashed.RemoveFirst();
        cell.Prepend([first.Value]);
        return true;
    }

    public void UnstashAll()
    {
        if (_stashed.Count == 0)
        {
            return;
        }

        var all = _stashed.ToArray();
        _stashed.Clear();
        cell.Prepend(all);
    }

    /// <summary>Removes and returns everything stashed (to dead letters on stop).</summary>
    public Envelope[] Drain()
    {
        var all = _stashed.ToArray();
        _stashed.Clear();
        return all;
    }
}
