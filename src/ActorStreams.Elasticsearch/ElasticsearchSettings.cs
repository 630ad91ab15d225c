using ActorStreams.Hocon;

namespace ActorStreams.Elasticsearch;

/// <summary>Settings of the <c>actorstreams.elasticsearch</c> section (reference.conf explains every key).</summary>
public sealed record ElasticsearchSettings
{
    /// <summary>The HOCON section.</summary>
    public const string Section = "actorstreams.elasticsearch";

    /// <summary>The defaults (equal to reference.conf): the sink is off.</summary>
    public static ElasticsearchSettings Default { get; } = new();

    /// <summary><c>url</c>: the cluster, or null when the sink is off.</summary>
    public Uri? Url { get; init; }

    /// <summary><c>username</c> for basic authentication (with <see cref="Password"/>), or empty.</summary>
    public string Username { get; init; } = string.Empty;

    /// <summary><c>password</c> for basic authentication.</summary>
    public string Password { get; init; } = string.Empty;

    /// <summary><c>api-key</c>: an encoded API key, or empty.</summary>
    public string ApiKey { get; init; } = string.Empty;

    /// <summary><c>ca-file</c>: a PEM file with the CA that signed the cluster's certificate, or empty.</summary>
    public string CaFile { get; init; } = string.Empty;

    /// <summary><c>outputs</c>: the indexed outputs by logical topic name.</summary>
    public IReadOnlyDictionary<string, OutputIndex> Outputs { get; init; } = new Dictionary<string, OutputIndex>(StringComparer.Ordinal)
    {
        ["fraud-alerts"] = new("fraud-alerts", "alert_id"),
        ["churn-alerts"] = new("churn-alerts", "alert_id"),
        ["customer-features"] = new("customer-features", "features_id"),
        ["enriched-activity"] = new("customer_activity_dashboard", "activity_id"),
        ["merchant-metrics"] = new("merchant-metrics", "metric_id"),
        ["loan-risk"] = new("loan-risk", "application_id"),
        ["loan-fraud-alerts"] = new("loan-fraud-alerts", "alert_id"),
        ["loan-stats"] = new("loan-stats", "metric_id"),
        ["loan-segments"] = new("loan-segments", "metric_id"),
        ["loan-channels"] = new("loan-channels", "metric_id"),
        ["funnel-metrics"] = new("funnel-metrics", "metric_id"),
        ["churn-segments"] = new("churn-segments", "metric_id"),
    };

    /// <summary><c>batch-size</c>: documents at which a bulk request closes.</summary>
    public int BatchSize { get; init; } = 1_000;

    /// <summary><c>batch-bytes</c>: document bytes at which a bulk request closes.</summary>
    public long BatchBytes { get; init; } = 5L * 1024 * 1024;

    /// <summary><c>flush-interval</c>: how long after its first document a bulk request closes.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>max-buffered-documents</c>: documents accepted and not yet indexed, node-wide, before the pipelines wait.</summary>
    public int MaxBufferedDocuments { get; init; } = 20_000;

    /// <summary><c>initial-backoff</c>: the first retry's wait.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary><c>max-backoff</c>: the longest retry wait.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>request-timeout</c>: how long one request may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>install-templates</c>: install missing index templates at start.</summary>
    public bool InstallTemplates { get; init; } = true;

    /// <summary>True when a URL is set.</summary>
    public bool Enabled => Url is not null;

    /// <summary>Reads and validates the section (missing keys take the defaults); errors name the key.</summary>
    /// <exception cref="ConfigException">A value has the wrong type or is out of range.</exception>
    public static ElasticsearchSettings Create(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.HasPath(Section))
        {
            return Default;
        }

        var c = config.GetConfig(Section);
        var d = Default;
        var url = c.GetString("url", string.Empty).Trim();
        Uri? uri = null;
        if (url.Length > 0)
        {
            Require(Uri.TryCreate(url, UriKind.Absolute, out uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0,
                "url", "must be an http:// or https:// URL such as http://127.0.0.1:9200", url);
        }

        var settings = new ElasticsearchSettings
        {
            Url = uri,
            Username = c.GetString("username", d.Username),
            Password = c.GetString("password", d.Password),
            ApiKey = c.GetString("api-key", d.ApiKey),
            CaFile = c.GetString("ca-file", d.CaFile),
            Outputs = c.HasPath("outputs") ? ReadOutputs(c.GetConfig("outputs")) : d.Outputs,
            BatchSize = c.GetInt("batch-size", d.BatchSize),
            BatchBytes = c.GetBytes("batch-bytes", d.BatchBytes),
            FlushInterval = c.GetTimeSpan("flush-interval", d.FlushInterval),
            MaxBufferedDocuments = c.GetInt("max-buffered-documents", d.MaxBufferedDocuments),
            InitialBackoff = c.GetTimeSpan("initial-backoff", d.InitialBackoff),
            MaxBackoff = c.GetTimeSpan("max-backoff", d.MaxBackoff),
            RequestTimeout = c.GetTimeSpan("request-timeout", d.RequestTimeout),
            InstallTemplates = c.GetBoolean("install-templates", d.InstallTemplates),
        };
        Require(settings.Username.Length == 0 == (settings.Password.Length == 0), "username", "and password must be set together", settings.Username);
        Require(settings.ApiKey.Length == 0 || settings.Username.Length == 0, "api-key", "excludes username and password: set one way to authenticate", "(set)");
        Require(settings.CaFile.Length == 0 || File.Exists(settings.CaFile), "ca-file", "must name an existing PEM file", settings.CaFile);
        Require(settings.BatchSize > 0, "batch-size", "must be a positive integer", settings.BatchSize);
        Require(settings.BatchBytes > 0, "batch-bytes", "must be a positive size", settings.BatchBytes);
        Require(settings.FlushInterval > TimeSpan.Zero, "flush-interval", "must be a positive duration", settings.FlushInterval);
        Require(settings.MaxBufferedDocuments >= settings.BatchSize, "max-buffered-documents", "must be at least batch-size", settings.MaxBufferedDocuments);
        Require(settings.InitialBackoff > TimeSpan.Zero, "initial-backoff", "must be a positive duration", settings.InitialBackoff);
        Require(settings.MaxBackoff >= settings.InitialBackoff, "max-backoff", "must be at least initial-backoff", settings.MaxBackoff);
        Require(settings.RequestTimeout > TimeSpan.Zero, "request-timeout", "must be a positive duration", settings.RequestTimeout);
        return settings;
    }

    private static Dictionary<string, OutputIndex> ReadOutputs(Config outputs)
    {
        var result = new Dictionary<string, OutputIndex>(StringComparer.Ordinal);
        foreach (var name in outputs.Root.Keys)
        {
            if (!outputs.HasPath(name))
            {
                // `fraud-alerts = null` takes an output out.
                continue;
            }

            var entry = outputs.GetConfig(name);
            var index = entry.GetString("index", string.Empty);
            var idField = entry.GetString("id-field", string.Empty);
            Require(IsValidIndexName(index), $"outputs.{name}.index",
                "must be a valid index name (lowercase, no spaces or \\ / * ? \" < > | , #, not starting with - _ +)", index);
            Require(idField.Length > 0, $"outputs.{name}.id-field", "must name the record's id field", idField);
            result[name] = new OutputIndex(index, idField);
        }

        return result;
    }

    /// <summary>Elasticsearch's rules for index names.</summary>
    internal static bool IsValidIndexName(string name) =>
        name.Length is > 0 and <= 255 && name is not ("." or "..") && name[0] is not ('-' or '_' or '+')
        && name.All(ch => !char.IsUpper(ch) && ch is not (' ' or '\\' or '/' or '*' or '?' or '"' or '<' or '>' or '|' or ',' or '#' or ':'));

    private static void Require(bool condition, string key, string rule, object value) =>
        ConfigBadValueException.ThrowUnless(condition, $"{Section}.{key}", rule, value);
}
