namespace ActorStreams.Cluster;

/// <summary>
/// Settings of <c>actorstreams.cluster.bootstrap</c>: how Akka.Management's cluster bootstrap finds the other nodes when
/// <c>actorstreams.cluster.discovery</c> is not <c>seed-nodes</c>. The node turns them into Akka's
/// <c>akka.management</c> and <c>akka.discovery</c> settings.
/// </summary>
public sealed record ClusterBootstrapSettings
{
    /// <summary><c>service-name</c>: the service the contact points are looked up under.</summary>
    public string ServiceName { get; init; } = "actorstreams";

    /// <summary><c>required-contact-points</c>: contact points that must be found before the lowest one forms a new cluster.</summary>
    public int RequiredContactPoints { get; init; } = 2;

    /// <summary><c>stable-margin</c>: how long the set of contact points must stay unchanged before a new cluster is formed.</summary>
    public TimeSpan StableMargin { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>management-port</c>: the port of Akka.Management's HTTP endpoint, which other nodes probe.</summary>
    public int ManagementPort { get; init; } = 8558;

    /// <summary><c>management-bind</c>: the address the management endpoint listens on.</summary>
    public string ManagementBind { get; init; } = "0.0.0.0";

    /// <summary><c>port-name</c>: the name of the pod's container port of the management endpoint (<c>kubernetes-api</c>).</summary>
    public string PortName { get; init; } = "management";

    /// <summary><c>label-selector</c>: the label selector of the cluster's pods (<c>kubernetes-api</c>).</summary>
    public string LabelSelector { get; init; } = "app.kubernetes.io/name=actorstreams";

    /// <summary><c>pod-namespace</c>: the namespace the pods are listed in; empty means the pod's own (<c>kubernetes-api</c>).</summary>
    public string PodNamespace { get; init; } = string.Empty;

    /// <summary><c>endpoints</c>: <c>host:port</c> of every node's management endpoint (<c>config</c>).</summary>
    public IReadOnlyList<string> Endpoints { get; init; } = [];
}
