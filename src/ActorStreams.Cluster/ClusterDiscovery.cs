namespace ActorStreams.Cluster;

/// <summary>How a node finds the cluster it joins: <c>actorstreams.cluster.discovery</c> (docs/design.md §2, docs/kubernetes.md).</summary>
public enum ClusterDiscovery
{
    /// <summary><c>seed-nodes</c>: the addresses of <c>akka.cluster.seed-nodes</c> (<c>node --seed</c>); none forms a cluster alone.</summary>
    SeedNodes,

    /// <summary><c>kubernetes-api</c>: Akka.Management's cluster bootstrap, the contact points being the pods the Kubernetes API lists.</summary>
    KubernetesApi,

    /// <summary><c>config</c>: Akka.Management's cluster bootstrap, the contact points listed in <c>actorstreams.cluster.bootstrap.endpoints</c>.</summary>
    Config,
}
