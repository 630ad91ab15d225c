using ActorStreams.Deploy.Tests.Support;
using ActorStreams.Hocon;
using ActorStreams.Node;

namespace ActorStreams.Deploy.Tests.Kubernetes;

/// <summary>
/// The configuration a node pod of <c>deploy/k8s</c> resolves, loaded as the <c>node</c> command does: every module's
/// reference.conf, the image's <c>hocon/application.conf</c>, the ConfigMap's <c>production.conf</c> (which includes its <c>cluster-node.conf</c>) as <c>--config</c>,
/// the container's <c>ACTORSTREAMS__</c> environment and its <c>--set</c> arguments.
/// </summary>
internal static class PodConfiguration
{
    /// <summary>Stand-ins of the values Kubernetes fills in (downward API, Secret keys).</summary>
    public static IReadOnlyDictionary<string, string> StandIns { get; } = new Dictionary<string, string>
    {
        ["POD_IP"] = "10.1.2.3",
        ["POD_NAME"] = "actorstreams-0",
        ["POD_NAMESPACE"] = "streams",
        ["ACTORSTREAMS__KAFKA__BOOTSTRAP"] = "kafka-0.kafka:9092",
        ["ACTORSTREAMS__STORE__URI"] = "postgres://actorstreams:secret@postgres:5432/actorstreams",
        ["ACTORSTREAMS__ELASTICSEARCH__URL"] = "http://elasticsearch:9200",
        ["ACTORSTREAMS__HTTP__ADMIN_TOKEN"] = "token",
    };

    /// <summary>The names of the files the ConfigMap holds.</summary>
    public static IReadOnlyList<string> ConfigMapFiles() =>
        [.. Manifests.Map(Yaml.Node(Manifests.Get("ConfigMap", "actorstreams-config"), "data")).Keys];

    /// <summary>The ConfigMap's file <paramref name="name"/>.</summary>
    public static string ConfigMapFile(string name) =>
        Yaml.Scalar(Manifests.Get("ConfigMap", "actorstreams-config"), "data", name)
        ?? throw new InvalidOperationException($"the ConfigMap actorstreams-config has no {name}");

    /// <summary>The node container's environment with the stand-ins.</summary>
    public static Dictionary<string, string> Environment() => Manifests.Environment(Manifests.Container(), StandIns);

    /// <summary>The resolved configuration of the first node pod.</summary>
    public static Config Load()
    {
        var env = Environment();
        var args = Manifests.Items(Yaml.Node(Manifests.Container(), "args")).Select(a => Yaml.Scalar(a)!).ToList();
        var overrides = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == "--set")
            {
                var pair = Expand(args[i + 1], env);
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                overrides.Add(new(pair[..equals], pair[(equals + 1)..]));
            }
        }

        // The ConfigMap's files side by side, as mounted in /app/hocon: production.conf includes cluster-node.conf.
        var folder = Directory.CreateTempSubdirectory("actorstreams-k8s-").FullName;
        foreach (var name in ConfigMapFiles())
        {
            File.WriteAllText(Path.Combine(folder, name), ConfigMapFile(name));
        }

        var file = Path.Combine(folder, "production.conf");
        try
        {
            return ConfigFactory.Load(new ConfigLoadOptions
            {
                ReferenceAssemblies = NodeConfiguration.ModuleAssemblies,
                BaseDirectory = Repository.Root,
                ApplicationFile = Path.Combine("hocon", "application.conf"),
                ConfigFile = file,
                Environment = env,
                Overrides = overrides,
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Expand(string value, Dictionary<string, string> env) =>
        env.Aggregate(value, (v, kv) => v.Replace($"$({kv.Key})", kv.Value, StringComparison.Ordinal));
}
