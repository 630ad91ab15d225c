namespace ActorStreams.Cluster.Membership;

/// <summary>
/// What a node tells the other members about itself every couple of seconds (for <c>cmd cluster show</c>): its id, its
/// admin API, the partitions it runs and its load. Akka.Cluster says who is a member and whether it is reachable; this
/// says what it does.
/// </summary>
/// <param name="NodeId">The node's id (<c>actorstreams.cluster.node-id</c>).</param>
/// <param name="HttpAddress">Its admin API, <c>host:port</c>.</param>
/// <param name="AkkaAddress">Its Akka address (<c>akka.tcp://actorstreams@host:port</c>).</param>
/// <param name="CustomerPartitions">The customer partitions it runs.</param>
/// <param name="Partitions">Every partition it runs (customer and merchant).</param>
/// <param name="Entities">Entities in memory.</param>
/// <param name="Lag">Records behind, over its partitions.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="Version">The ActorStreams version it runs.</param>
/// <param name="SentAt">When it sent this.</param>
/// <param name="EventsIn">Records it has taken in since it started (a counter: the dashboard's events per second).</param>
public sealed record NodeInfo(
    string NodeId,
    string HttpAddress,
    string AkkaAddress,
    int[] CustomerPartitions,
    int Partitions,
    long Entities,
    long Lag,
    DateTimeOffset StartedAt,
    string Version,
    DateTimeOffset SentAt,
    long EventsIn = 0);
