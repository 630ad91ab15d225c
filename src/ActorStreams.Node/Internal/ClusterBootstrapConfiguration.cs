using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorStreams.Cluster;

namespace ActorStreams.Node.Internal;

/// <summary>
/// Akka's settings of cluster bootstrap (docs/kubernetes.md), derived from <c>actorstreams.cluster.discovery</c> and
/// <c>actorstreams.cluster.bootstrap</c>: Akka.Management's HTTP endpoint (advertised at the remoting hostname, the pod
/// IP in Kubernetes), the contact-point discovery of ClusterBootstrap and the discovery method's own settings. Empty
/// with <c>seed-nodes</c>.
/// </summary>
internal static class ClusterBootstrapConfiguration
{
    /// <summary>The <c>akka { }</c> HOCON of <paramref name="cluster"/>'s bootstrap; empty when the node joins seed nodes.</summary>
    /// <param name="cluster">The cluster settings.</param>
    /// <param name="remotingHostname">The value of <c>akka.remote.dot-netty.tcp.hostname</c>, where the management endpoint is advertised too.</param>
    public static string AkkaHocon(ClusterSettings cluster, string remotingHostname)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        if (cluster.Discovery == ClusterDiscovery.SeedNodes)
        {
            return string.Empty;
        }

        var b = cluster.Bootstrap;
        var method = MethodName(cluster.Discovery);
        var port = b.ManagementPort.ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.Append("akka.management.http.hostname = ").Append(Quote(remotingHostname)).Append('\n');
        text.Append("akka.management.http.port = ").Append(port).Append('\n');
        text.Append("akka.management.http.bind-hostname = ").Append(Quote(b.ManagementBind)).Append('\n');
        text.Append("akka.management.http.bind-port = ").Append(port).Append('\n');
        text.Append("akka.management.cluster.bootstrap.contact-point-discovery.service-name = ").Append(Quote(b.ServiceName)).Append('\n');
        text.Append("akka.management.cluster.bootstrap.contact-point-discovery.discovery-method = ").Append(Quote(method)).Append('\n');
        text.Append("akka.management.cluster.bootstrap.contact-point-discovery.required-contact-point-nr = ")
            .Append(b.RequiredContactPoints.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("akka.management.cluster.bootstrap.contact-point-discovery.stable-margin = ")
            .Append(((long)b.StableMargin.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)).Append("ms\n");
        text.Append("akka.management.cluster.bootstrap.contact-point.fallback-port = ").Append(port).Append('\n');
        text.Append("akka.discovery.method = ").Append(Quote(method)).Append('\n');
        if (cluster.Discovery == ClusterDiscovery.KubernetesApi)
        {
            text.Append("akka.management.cluster.bootstrap.contact-point-discovery.port-name = ").Append(Quote(b.PortName)).Append('\n');
            text.Append("akka.discovery.kubernetes-api.pod-label-selector = ").Append(Quote(b.LabelSelector)).Append('\n');
            if (b.PodNamespace.Length > 0)
            {
                text.Append("akka.discovery.kubernetes-api.pod-namespace = ").Append(Quote(b.PodNamespace)).Append('\n');
            }
        }
        else
        {
            // Every endpoint names its own port (several nodes may share a host): keep them all.
            text.Append("akka.management.cluster.bootstrap.contact-point-discovery.port-name = \"\"\n");
            text.Append("akka.management.cluster.bootstrap.contact-point.filter-on-fallback-port = false\n");
            text.Append("akka.discovery.config.services.").Append(Quote(b.ServiceName)).Append(".endpoints = [")
                .Append(string.Join(", ", b.Endpoints.Select(Quote))).Append("]\n");
        }

        return text.ToString();
    }

    /// <summary>The discovery method's name in Akka's settings.</summary>
    public static string MethodName(ClusterDiscovery discovery) => discovery switch
    {
        ClusterDiscovery.KubernetesApi => "kubernetes-api",
        ClusterDiscovery.Config => "config",
        _ => "seed-nodes",
    };

    private static string Quote(string value) => JsonSerializer.Serialize(value);
}
