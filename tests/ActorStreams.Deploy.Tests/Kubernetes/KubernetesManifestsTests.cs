using System.Globalization;
using ActorStreams.Cluster;
using ActorStreams.Deploy.Tests.Support;
using ActorStreams.Hocon;
using ActorStreams.Node;

namespace ActorStreams.Deploy.Tests.Kubernetes;

/// <summary>
/// deploy/k8s agrees with itself and with the node (docs/kubernetes.md): the names the pods' cluster bootstrap uses,
/// the probes, the environment, RBAC, selectors and the grace period. Nothing here talks to a Kubernetes cluster.
/// </summary>
[Trait("Category", "Unit")]
public sealed class KubernetesManifestsTests
{
    public static TheoryData<string> Files() => [.. Manifests.Files()];

    [Theory]
    [MemberData(nameof(Files))]
    public void Manifest_EveryDocument_HasApiVersionKindAndName(string file)
    {
        var documents = Yaml.Documents(file);

        Assert.NotEmpty(documents);
        Assert.All(documents, d => Assert.False(
            string.IsNullOrEmpty(Yaml.Scalar(d, "apiVersion")) || string.IsNullOrEmpty(Yaml.Scalar(d, "kind")) || string.IsNullOrEmpty(Yaml.Scalar(d, "metadata", "name")),
            $"{file}: a document without apiVersion, kind or metadata.name"));
    }

    [Fact]
    public void Kustomization_Resources_ListEveryManifest()
    {
        var kustomization = Assert.Single(Yaml.Documents($"{Manifests.Folder}/kustomization.yaml"));
        var resources = Manifests.Items(Yaml.Node(kustomization, "resources")).Select(r => $"{Manifests.Folder}/{Yaml.Scalar(r)}").Order(StringComparer.Ordinal);

        Assert.Equal(Manifests.Files(), resources);
    }

    [Fact]
    public void Images_PinnedToTheVersionComposeBuilds()
    {
        var compose = Compose.ComposeFile.Load();
        var composed = compose.Image(compose.ActorStreamsServices.First());
        var kustomization = Assert.Single(Yaml.Documents($"{Manifests.Folder}/kustomization.yaml"));
        var image = Assert.Single(Manifests.Items(Yaml.Node(kustomization, "images")));

        Assert.Equal(composed, Yaml.Scalar(Manifests.Container(), "image"));
        Assert.Equal(composed, Yaml.Scalar(Manifests.Get("Job", "actorstreams-topics"), "spec", "template", "spec", "containers", 0, "image"));
        Assert.Equal(("actorstreams", composed.Split(':')[1]), (Yaml.Scalar(image, "name"), Yaml.Scalar(image, "newTag")));
    }

    [Theory]
    [InlineData("cluster-node.conf")]
    [InlineData("production.conf")]
    public void ConfigMap_HoconFile_EqualsTheRepositorysByteForByte(string name)
    {
        Assert.Equal(File.ReadAllText(Repository.PathOf("hocon/" + name)), PodConfiguration.ConfigMapFile(name));
    }

    [Theory]
    [InlineData("StatefulSet", "actorstreams")]
    [InlineData("Job", "actorstreams-topics")]
    public void Pods_MountEveryConfigMapFileOverTheImagesCopy(string kind, string name)
    {
        var container = Yaml.Node(Manifests.Get(kind, name), "spec", "template", "spec", "containers", 0)!;
        var mounts = Manifests.Items(Yaml.Node(container, "volumeMounts"))
            .Select(m => (Path: Yaml.Scalar(m, "mountPath"), SubPath: Yaml.Scalar(m, "subPath")))
            .Order()
            .ToList();

        Assert.Equal(
            PodConfiguration.ConfigMapFiles().Select(f => ((string?)$"/app/hocon/{f}", (string?)f)).Order().ToList(),
            mounts);
    }

    [Fact]
    public void PodConfig_ClusterBootstrap_NamesTheManifestsServiceLabelsAndPort()
    {
        var config = PodConfiguration.Load();
        var cluster = ClusterSettings.Create(config);
        var headless = Manifests.Get("Service", cluster.Bootstrap.ServiceName);
        var ports = Manifests.ContainerPorts();

        Assert.Equal(ClusterDiscovery.KubernetesApi, cluster.Discovery);
        Assert.Equal("None", Yaml.Scalar(headless, "spec", "clusterIP"));
        Assert.Equal("true", Yaml.Scalar(headless, "spec", "publishNotReadyAddresses"));
        Assert.Equal(cluster.Bootstrap.ServiceName, Yaml.Scalar(Manifests.StatefulSet(), "spec", "serviceName"));
        Assert.Equal(Manifests.PodLabels(), Selector(cluster.Bootstrap.LabelSelector));
        Assert.Equal(cluster.Bootstrap.ManagementPort, ports[cluster.Bootstrap.PortName]);
        Assert.Contains(Manifests.Items(Yaml.Node(headless, "spec", "ports")), p => Yaml.Scalar(p, "targetPort") == cluster.Bootstrap.PortName);
        Assert.Equal(PodConfiguration.StandIns["POD_NAMESPACE"], cluster.Bootstrap.PodNamespace);
        Assert.Equal(PodConfiguration.StandIns["POD_NAME"], cluster.NodeId);
        Assert.Equal(PodConfiguration.StandIns["POD_IP"], config.GetString("akka.remote.dot-netty.tcp.hostname"));
        Assert.Equal(ports["remoting"], config.GetInt("akka.remote.dot-netty.tcp.port"));
        Assert.Empty(config.GetStringList("akka.cluster.seed-nodes"));
    }

    [Fact]
    public void Probes_ReadinessAndStartup_AreTheNodesHealthOnItsAdminPort()
    {
        var http = NodeSettings.Create(PodConfiguration.Load());
        var reference = NodeSettings.Create(ConfigFactory.ParseString(Repository.Read("hocon/reference.conf")).Resolve());
        var ports = Manifests.ContainerPorts();

        Assert.Equal(reference.HttpPort, http.HttpPort);
        Assert.Equal("0.0.0.0", http.HttpBind);
        foreach (var probe in new[] { "readinessProbe", "startupProbe" })
        {
            Assert.Equal("/health", Yaml.Scalar(Manifests.Container(), probe, "httpGet", "path"));
            Assert.Equal(http.HttpPort, ports[Yaml.Scalar(Manifests.Container(), probe, "httpGet", "port")!]);
        }

        Assert.Equal("/bootstrap/seed-nodes", Yaml.Scalar(Manifests.Container(), "livenessProbe", "httpGet", "path"));
        Assert.Equal(ClusterSettings.Create(PodConfiguration.Load()).Bootstrap.ManagementPort, ports[Yaml.Scalar(Manifests.Container(), "livenessProbe", "httpGet", "port")!]);
        var admin = Manifests.Get("Service", "actorstreams-admin");
        Assert.Equal(http.HttpPort, int.Parse(Yaml.Scalar(admin, "spec", "ports", 0, "port")!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Environment_EveryActorStreamsVariable_MapsToAReferenceKey()
    {
        var reference = ConfigFactory.ParseString(Repository.Read("hocon/reference.conf")).Resolve();
        var containers = Manifests.All()
            .Where(d => Yaml.Scalar(d, "kind") is "StatefulSet" or "Job")
            .SelectMany(d => Manifests.Items(Yaml.Node(d, "spec", "template", "spec", "containers")));
        var names = containers.SelectMany(c => Manifests.Items(Yaml.Node(c, "env"))).Select(e => Yaml.Scalar(e, "name")!)
            .Where(n => n.StartsWith("ACTORSTREAMS__", StringComparison.Ordinal)).Distinct().ToList();

        Assert.NotEmpty(names);
        foreach (var name in names)
        {
            // ConfigFactory.FromEnvironment: "__" separates the path's segments, "_" stands for "-", lower case.
            var key = string.Join('.', name.Split("__").Select(s => s.ToLowerInvariant().Replace('_', '-')));
            Assert.True(reference.HasPath(key), $"{name} maps to {key}, which hocon/reference.conf does not have");
        }
    }

    [Fact]
    public void Role_GrantsPodReadingToTheServiceAccountOfThePods()
    {
        var role = Manifests.Get("Role", "actorstreams-pod-reader");
        var binding = Manifests.Get("RoleBinding", "actorstreams-pod-reader");
        var account = Yaml.Scalar(Manifests.StatefulSet(), "spec", "template", "spec", "serviceAccountName")!;
        var rule = Assert.Single(Manifests.Items(Yaml.Node(role, "rules")));

        Assert.Equal(["pods"], Manifests.Items(Yaml.Node(rule, "resources")).Select(r => Yaml.Scalar(r)));
        Assert.Equal([""], Manifests.Items(Yaml.Node(rule, "apiGroups")).Select(r => Yaml.Scalar(r)));
        Assert.Equal(["get", "list", "watch"], Manifests.Items(Yaml.Node(rule, "verbs")).Select(r => Yaml.Scalar(r)).Order(StringComparer.Ordinal));
        Assert.Equal(("Role", "actorstreams-pod-reader"), (Yaml.Scalar(binding, "roleRef", "kind"), Yaml.Scalar(binding, "roleRef", "name")));
        Assert.Contains(Manifests.Items(Yaml.Node(binding, "subjects")), s => Yaml.Scalar(s, "kind") == "ServiceAccount" && Yaml.Scalar(s, "name") == account);
        Manifests.Get("ServiceAccount", account);
    }

    [Fact]
    public void Selectors_OfStatefulSetServicesAndBudget_AreThePodLabels()
    {
        var labels = Manifests.PodLabels();
        var budget = Manifests.Get("PodDisruptionBudget", "actorstreams");

        Assert.Equal(labels, Manifests.Map(Yaml.Node(Manifests.StatefulSet(), "spec", "selector", "matchLabels")));
        Assert.Equal(labels, Manifests.Map(Yaml.Node(budget, "spec", "selector", "matchLabels")));
        Assert.Equal("1", Yaml.Scalar(budget, "spec", "maxUnavailable"));
        foreach (var service in Manifests.All().Where(d => Yaml.Scalar(d, "kind") == "Service"))
        {
            Assert.Equal(labels, Manifests.Map(Yaml.Node(service, "spec", "selector")));
        }

        var job = Manifests.Get("Job", "actorstreams-topics");
        Assert.NotEqual(labels, Manifests.Map(Yaml.Node(job, "spec", "template", "metadata", "labels")));
    }

    [Fact]
    public void GracePeriod_CoversTheHandoffTimeoutsAndTheNodesLeaveLimit()
    {
        var config = PodConfiguration.Load();
        var handoff = ClusterSettings.Create(config).HandoffTimeout;
        var sharding = config.GetTimeSpan("akka.cluster.sharding.handoff-timeout");
        var grace = TimeSpan.FromSeconds(int.Parse(Yaml.Scalar(Manifests.StatefulSet(), "spec", "template", "spec", "terminationGracePeriodSeconds")!, CultureInfo.InvariantCulture));

        Assert.True(handoff < sharding, $"actorstreams.cluster.handoff-timeout {handoff} must stay below akka.cluster.sharding.handoff-timeout {sharding}");
        Assert.True(grace >= handoff + sharding + TimeSpan.FromSeconds(10), $"grace {grace} < {handoff} + {sharding} + 10 s");

        // The node command gives up on a leave after 2 x handoff-timeout + 60 s (NodeCommand): the pod must not be killed before.
        Assert.True(grace >= (handoff * 2) + TimeSpan.FromSeconds(60) + TimeSpan.FromSeconds(10), $"grace {grace} < 2 x {handoff} + 60 s + 10 s");
    }

    [Fact]
    public void TopicsJob_RunsTopicsCreateWithTheMountedProductionConf()
    {
        var job = Manifests.Get("Job", "actorstreams-topics");
        var container = Yaml.Node(job, "spec", "template", "spec", "containers", 0)!;
        var mounts = Manifests.Items(Yaml.Node(container, "volumeMounts")).Select(m => Yaml.Scalar(m, "mountPath"));

        Assert.Equal(["topics", "create", "--config", "hocon/production.conf"], Manifests.Items(Yaml.Node(container, "args")).Select(a => Yaml.Scalar(a)));
        Assert.Contains("/app/hocon/production.conf", mounts);
        Assert.Equal(Yaml.Scalar(Manifests.Container(), "image"), Yaml.Scalar(container, "image"));
    }

    private static Dictionary<string, string> Selector(string selector) =>
        selector.Split(',').Select(term => term.Split('=')).ToDictionary(kv => kv[0], kv => kv[1]);
}
