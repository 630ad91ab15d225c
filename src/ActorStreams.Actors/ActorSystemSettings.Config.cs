using ActorStreams.Hocon;

namespace ActorStreams.Actors;

/// <summary>Building <see cref="ActorSystemSettings"/> from HOCON.</summary>
public sealed partial record ActorSystemSettings
{
    /// <summary>The HOCON section these settings are read from.</summary>
    public const string Section = "actorstreams.actors";

    /// <summary>
    /// Reads the <c>actorstreams.actors</c> section of a resolved configuration (missing keys take the
    /// defaults of <see cref="Default"/>) and validates it; errors name the HOCON key.
    /// </summary>
    /// <exception cref="ConfigException">A key has the wrong type or an invalid value.</exception>
    public static ActorSystemSettings Create(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.HasPath(Section))
        {
            return Default;
        }

        var c = config.GetConfig(Section);
        var d = Default;
        var settings = new ActorSystemSettings
        {
            Throughput = c.GetInt("throughput", d.Throughput),
            DefaultMailboxKind = ParseEnum(c, "default-mailbox.kind", d.DefaultMailboxKind),
            DefaultMailboxCapacity = c.GetInt("default-mailbox.capacity", d.DefaultMailboxCapacity),
            AskTimeout = GetDuration(c, "ask-timeout", d.AskTimeout),
            MaxNrOfRetries = c.GetInt("supervision.max-nr-of-retries", d.MaxNrOfRetries),
            WithinTimeRange = GetDuration(c, "supervision.within-time-range", d.WithinTimeRange),
            RestartMinBackoff = GetDuration(c, "supervision.min-backoff", d.RestartMinBackoff),
            RestartMaxBackoff = GetDuration(c, "supervision.max-backoff", d.RestartMaxBackoff),
            RestartRandomFactor = c.GetDouble("supervision.random-factor", d.RestartRandomFactor),
            GuardianSupervision = ParseEnum(c, "guardian-supervision", d.GuardianSupervision),
            ShutdownPhaseTimeout = GetDuration(c, "coordinated-shutdown.phase-timeout", d.ShutdownPhaseTimeout),
            DeadLetterLogLimit = c.GetInt("log-dead-letters", d.DeadLetterLogLimit),
        };

        try
        {
            return settings.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ConfigBadValueException(Section, e.Message, origin: null);
        }
    }

    /// <summary>A duration key that also accepts <c>infinite</c>.</summary>
    private static TimeSpan GetDuration(Config config, string path, TimeSpan fallback) =>
        config.HasPath(path) && string.Equals(config.GetString(path), "infinite", StringComparison.OrdinalIgnoreCase)
            ? Timeout.InfiniteTimeSpan
            : config.GetTimeSpan(path, fallback);

    private static TEnum ParseEnum<TEnum>(Config config, string path, TEnum fallback)
        where TEnum : struct, Enum
    {
        if (!config.HasPath(path))
        {
            return fallback;
        }

        var text = config.GetString(path);
        if (Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !char.IsDigit(text[0]))
        {
            return value;
        }

        var allowed = string.Join(" | ", Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()));
        throw new ConfigBadValueException($"{config.Path}.{path}".TrimStart('.'), $"{$"{config.Path}.{path}".TrimStart('.')} must be one of {allowed}, got \"{text}\"", config.GetValue(path).Origin);
    }
}
