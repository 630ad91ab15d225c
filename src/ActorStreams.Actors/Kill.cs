namespace ActorStreams.Actors;

/// <summary>Makes the receiving actor fail with <see cref="ActorKilledException"/>, handing it to its supervisor.</summary>
public sealed class Kill
{
    private Kill()
    {
    }

    /// <summary>The single instance.</summary>
    public static Kill Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => nameof(Kill);
}
