using ActorStreams.Domain.Churn;
using ActorStreams.Domain.Customers;
using ActorStreams.Domain.Enrichment;
using ActorStreams.Domain.Fraud;
using ActorStreams.Domain.Merchants;
using ActorStreams.Hocon;

namespace ActorStreams.Entities;

/// <summary>
/// The analytics settings of the <c>actorstreams.rules</c>, <c>actorstreams.churn</c> and <c>actorstreams.merchant</c>
/// sections, as the domain's settings records.
/// </summary>
/// <param name="Customer">Fraud rules, churn and enrichment.</param>
/// <param name="Merchant">Merchant windows and watermarks.</param>
public sealed record EntitiesSettings(CustomerStateSettings Customer, MerchantWindowSettings Merchant)
{
    /// <summary>The defaults of docs/design.md §6.</summary>
    public static EntitiesSettings Default { get; } = new(CustomerStateSettings.Default, MerchantWindowSettings.Default);

    /// <summary>Reads the three sections (missing keys take the defaults) and validates them; errors name the HOCON key.</summary>
    /// <exception cref="ConfigException">A value has the wrong type or is out of range.</exception>
    public static EntitiesSettings Create(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var f = FraudRuleSettings.Default;
        var c = ChurnSettings.Default;
        var e = EnrichmentSettings.Default;
        var m = MerchantWindowSettings.Default;
        const string rules = "actorstreams.rules.";
        const string churn = "actorstreams.churn.";
        const string merchant = "actorstreams.merchant.";
        var fraud = new FraudRuleSettings
        {
            AllowedLateness = Duration(config, rules + "allowed-lateness", f.AllowedLateness, allowZero: true),
            HighAmountThreshold = Money(config, rules + "high-amount.threshold", f.HighAmountThreshold),
            RapidFireWindow = Duration(config, rules + "rapid-fire.window", f.RapidFireWindow),
            RapidFireMinCount = Count(config, rules + "rapid-fire.min-count", f.RapidFireMinCount),
            VelocityWindow = Duration(config, rules + "velocity.window", f.VelocityWindow),
            VelocityAmountThreshold = Money(config, rules + "velocity.threshold", f.VelocityAmountThreshold),
            Cooldown = Duration(config, rules + "cooldown", f.Cooldown, allowZero: true),
            TravelMinDistanceKm = Positive(config, rules + "impossible-travel.min-distance-km", f.TravelMinDistanceKm),
            TravelMaxSpeedKmh = Positive(config, rules + "impossible-travel.max-speed-kmh", f.TravelMaxSpeedKmh),
            DeviceHistorySize = Count(config, rules + "new-device.history-size", f.DeviceHistorySize),
            NewDeviceMinAmount = Money(config, rules + "new-device.min-amount", f.NewDeviceMinAmount),
        };
        var alpha = config.GetDouble(churn + "alpha", c.Alpha);
        Require(alpha is > 0 and <= 1, churn + "alpha", "must be a number in (0, 1]", alpha);
        var threshold = config.GetDouble(churn + "threshold", c.Threshold);
        Require(threshold is >= 0 and <= 1, churn + "threshold", "must be a number in [0, 1]", threshold);
        var customer = new CustomerStateSettings
        {
            Fraud = fraud,
            Churn = new ChurnSettings { Alpha = alpha, Threshold = threshold },
            Enrichment = new EnrichmentSettings
            {
                ActivityBufferCapacity = Count(config, churn + "enrichment-buffer", e.ActivityBufferCapacity),
                RfmWindowDays = Count(config, churn + "rfm-window-days", e.RfmWindowDays),
            },
        };
        var windows = new MerchantWindowSettings
        {
            WindowSize = Duration(config, merchant + "window", m.WindowSize),
            Grace = Duration(config, merchant + "grace", m.Grace, allowZero: true),
            IdleTimeout = Duration(config, merchant + "idle-timeout", m.IdleTimeout),
        };
        Require(TimeSpan.FromDays(1).Ticks % windows.WindowSize.Ticks == 0, merchant + "window", "must divide a day evenly (e.g. 10s, 1m, 5m, 1h)", windows.WindowSize);
        customer.Validate();
        windows.Validate();
        return new EntitiesSettings(customer, windows);
    }

    private static TimeSpan Duration(Config config, string path, TimeSpan fallback, bool allowZero = false)
    {
        var value = config.GetTimeSpan(path, fallback);
        Require(allowZero ? value >= TimeSpan.Zero : value > TimeSpan.Zero, path, allowZero ? "must not be negative" : "must be a positive duration", value);
        return value;
    }

    private static decimal Money(Config config, string path, decimal fallback)
    {
        if (!config.HasPath(path))
        {
            return fallback;
        }

        var value = config.GetValue(path);
        var text = value is ConfigNumber number ? number.Text : config.GetString(path);
        Require(decimal.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var amount) && amount >= 0,
            path, "must be a non-negative amount", text);
        return amount;
    }

    private static int Count(Config config, string path, int fallback)
    {
        var value = config.GetInt(path, fallback);
        Require(value > 0, path, "must be a positive integer", value);
        return value;
    }

    private static double Positive(Config config, string path, double fallback)
    {
        var value = config.GetDouble(path, fallback);
        Require(value > 0 && double.IsFinite(value), path, "must be a positive number", value);
        return value;
    }

    private static void Require(bool condition, string path, string rule, object value) =>
        ConfigBadValueException.ThrowUnless(condition, path, rule, value);
}
