using ActorStreams.Hocon;

namespace ActorStreams.Lake;

/// <summary>Settings of the <c>actorstreams.lake</c> section (reference.conf explains every key).</summary>
public sealed record LakeSettings
{
    /// <summary>The HOCON section.</summary>
    public const string Section = "actorstreams.lake";

    /// <summary>The defaults (equal to reference.conf): the lake is off.</summary>
    public static LakeSettings Default { get; } = new();

    /// <summary><c>uri</c>: the lake's root, or null when the lake is off.</summary>
    public LakeLocation? Location { get; init; }

    /// <summary><c>max-file-bytes</c>: row data (<see cref="LakeRow.ApproximateBytes"/>) at which a file closes.</summary>
    public long MaxFileBytes { get; init; } = 128L * 1024 * 1024;

    /// <summary><c>max-file-rows</c>: rows at which a file closes.</summary>
    public int MaxFileRows { get; init; } = 1_000_000;

    /// <summary><c>max-file-age</c>: how long after its first row a file closes.</summary>
    public TimeSpan MaxFileAge { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary><c>s3</c>: how an <c>s3://</c> lake reaches its bucket.</summary>
    public LakeS3Settings S3 { get; init; } = LakeS3Settings.Default;

    /// <summary>True when a location is set.</summary>
    public bool Enabled => Location is not null;

    /// <summary>
    /// Reads and validates the section (missing keys take the defaults); errors name the key. A relative directory in
    /// <c>uri</c> is taken against <paramref name="workingDirectory"/> (default: the process's current directory).
    /// </summary>
    /// <exception cref="ConfigException">A value has the wrong type or is out of range.</exception>
    public static LakeSettings Create(Config config, string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.HasPath(Section))
        {
            return Default;
        }

        var c = config.GetConfig(Section);
        var d = Default;
        var uri = c.GetString("uri", string.Empty);
        var settings = new LakeSettings
        {
            Location = uri.Trim().Length == 0 ? null : LakeLocation.Parse(uri, workingDirectory ?? Environment.CurrentDirectory),
            MaxFileBytes = c.GetBytes("max-file-bytes", d.MaxFileBytes),
            MaxFileRows = c.GetInt("max-file-rows", d.MaxFileRows),
            MaxFileAge = c.GetTimeSpan("max-file-age", d.MaxFileAge),
            S3 = c.HasPath("s3") ? ReadS3(c.GetConfig("s3")) : d.S3,
        };
        Require(settings.MaxFileBytes > 0, "max-file-bytes", "must be a positive size", settings.MaxFileBytes);
        Require(settings.MaxFileRows > 0, "max-file-rows", "must be a positive integer", settings.MaxFileRows);
        Require(settings.MaxFileAge > TimeSpan.Zero, "max-file-age", "must be a positive duration", settings.MaxFileAge);
        return settings;
    }

    private static LakeS3Settings ReadS3(Config s3)
    {
        var d = LakeS3Settings.Default;
        var endpoint = s3.GetString("endpoint", string.Empty).Trim();
        Uri? uri = null;
        if (endpoint.Length > 0)
        {
            Require(Uri.TryCreate(endpoint, UriKind.Absolute, out uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0,
                "s3.endpoint", "must be an http:// or https:// URL such as http://127.0.0.1:9000", endpoint);
        }

        var settings = new LakeS3Settings
        {
            Endpoint = uri,
            Region = s3.GetString("region", d.Region).Trim(),
            ForcePathStyle = s3.GetBoolean("force-path-style", d.ForcePathStyle),
            AccessKey = s3.GetString("access-key", d.AccessKey),
            SecretKey = s3.GetString("secret-key", d.SecretKey),
        };
        Require(settings.Region.Length > 0, "s3.region", "must name a region such as us-east-1", settings.Region);
        Require(settings.AccessKey.Length == 0 == (settings.SecretKey.Length == 0), "s3.access-key",
            "and s3.secret-key must be set together (or both left empty for the SDK's default credentials)", settings.AccessKey.Length > 0 ? settings.AccessKey : "");
        return settings;
    }

    private static void Require(bool condition, string key, string rule, object value) =>
        ConfigBadValueException.ThrowUnless(condition, $"{Section}.{key}", rule, value);
}
