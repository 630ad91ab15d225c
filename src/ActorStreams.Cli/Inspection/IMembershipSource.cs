using ActorStreams.Cli.Inspection.Model;

namespace ActorStreams.Cli.Inspection;

/// <summary>The membership topic as a table: a seam so discovery is tested with canned records.</summary>
internal interface IMembershipSource
{
    /// <summary>Where the records come from, for messages: <c>actorstreams-members on host:port</c>.</summary>
    string Description { get; }

    /// <summary>Reads the topic to its end: the latest record of every node id, tombstoned nodes left out.</summary>
    /// <exception cref="MembershipUnavailableException">The topic could not be read; the message says why.</exception>
    Task<IReadOnlyList<MembershipRecord>> ReadAsync(CancellationToken cancellationToken);
}
