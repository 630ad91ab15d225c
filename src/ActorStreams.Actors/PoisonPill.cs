namespace ActorStreams.Actors;

/// <summary>Stops the receiving actor when processed, in mailbox order: earlier messages are handled first.</summary>
public sealed class PoisonPill
{
    private PoisonPill()
    {
    }

    /// <summary>The single instance.</summary>
    public static PoisonPill Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => nameof(PoisonPill);
}
