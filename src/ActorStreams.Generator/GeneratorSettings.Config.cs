using System.Globalization;
using ActorStreams.Hocon;

namespace ActorStreams.Generator;

/// <content>Reading and validating <c>actorstreams.generator</c>.</content>
public sealed partial record GeneratorSettings
{
    /// <summary>The HOCON section these settings come from.</summary>
    public const string Section = "actorstreams.generator";

    private const string ReferenceResource = "ActorStreams.Generator.reference.conf";
    private static readonly Lazy<Config> LazyReference = new(() => ConfigFactory.ParseResource(typeof(GeneratorSettings).Assembly, ReferenceResource));

    /// <summary>This module's embedded <c>reference.conf</c> (every key with its default).</summary>
    public static Config Reference => LazyReference.Value;

    /// <summary>
    /// Reads <c>actorstreams.generator</c> from the application's root configuration, with this module's
    /// reference.conf as fallback for missing keys, and validates it.
    /// </summary>
    /// <exception cref="ConfigException">A value is missing, of the wrong type or out of range; the message names the full key.</exception>
    public static GeneratorSettings Create(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var section = config.WithFallback(Reference).Resolve().GetConfig(Section);
        var highValue = Ratio(section, "profiles.high-value", inclusive: true);
        var suspicious = Ratio(section, "profiles.suspicious", inclusive: true);
        if (highValue + suspicious > 1)
        {
            throw Bad(section, "profiles.suspicious", "plus profiles.high-value must be at most 1", suspicious);
        }

        return new GeneratorSettings
        {
            Seed = section.GetLong("seed"),
            Count = Range(section, "count", 0, long.MaxValue, section.GetLong("count")),
            Customers = (int)Range(section, "customers", 1, 10_000_000, section.GetLong("customers")),
            Offers = (int)Range(section, "offers", 1, 1_000_000, section.GetLong("offers")),
            MerchantsPerCategory = (int)Range(section, "merchants-per-category", 1, 100_000, section.GetLong("merchants-per-category")),
            FraudRatio = Ratio(section, "fraud-ratio", inclusive: false),
            Rate = NonNegative(section, "rate"),
            Speedup = Positive(section, "speedup"),
            Start = ReadStart(section),
            MeanCustomerInterval = PositiveDuration(section, "mean-customer-interval"),
            Disorder = ReadDisorder(section),
            DisorderRatio = Ratio(section, "disorder-ratio", inclusive: true),
            HighValueRatio = highValue,
            SuspiciousRatio = suspicious,
            OnlineRatio = Ratio(section, "online-ratio", inclusive: true),
            ChurnerRatio = Ratio(section, "churner-ratio", inclusive: true),
            OfferRatio = Ratio(section, "offer-ratio", inclusive: true),
            Behaviour = CustomerEventSettings.Create(config),
        };
    }

    internal static long Range(Config config, string key, long min, long max, long value) =>
        value >= min && value <= max
            ? value
            : throw Bad(config, key, string.Create(CultureInfo.InvariantCulture, $"must be an integer between {min} and {max}"), value);

    internal static double Ratio(Config config, string key, bool inclusive)
    {
        var value = config.GetDouble(key);
        var ok = value >= 0 && (inclusive ? value <= 1 : value < 1);
        return ok ? value : throw Bad(config, key, inclusive ? "must be a number between 0 and 1" : "must be a number ≥ 0 and < 1", value);
    }

    private static double NonNegative(Config config, string key)
    {
        var value = config.GetDouble(key);
        return double.IsFinite(value) && value >= 0 ? value : throw Bad(config, key, "must be a number ≥ 0", value);
    }

    private static double Positive(Config config, string key)
    {
        var value = config.GetDouble(key);
        return double.IsFinite(value) && value > 0 ? value : throw Bad(config, key, "must be a number > 0", value);
    }

    private static TimeSpan PositiveDuration(Config config, string key)
    {
        var value = config.GetTimeSpan(key);
        return value > TimeSpan.Zero ? value : throw Bad(config, key, "must be a positive duration", $"\"{config.GetString(key)}\"");
    }

    private static TimeSpan ReadDisorder(Config config)
    {
        var value = config.GetTimeSpan("disorder");
        return value >= TimeSpan.Zero && value <= TimeSpan.FromMinutes(1)
            ? value
            : throw Bad(config, "disorder", "must be a duration between 0 and 1m", $"\"{config.GetString("disorder")}\"");
    }

    private static DateTimeOffset? ReadStart(Config config)
    {
        if (!config.HasPath("start"))
        {
            return null;
        }

        var text = config.GetString("start");
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var start)
            ? start
            : throw Bad(config, "start", "must be an ISO-8601 instant such as \"2026-01-01T00:00:00Z\"", $"\"{text}\"");
    }

    internal static ConfigBadValueException Bad(Config config, string key, string requirement, object got) =>
        new($"{config.Path}.{key}", string.Create(CultureInfo.InvariantCulture, $"{config.Path}.{key} {requirement}, got {got}"), config.GetValue(key).Origin);
}
