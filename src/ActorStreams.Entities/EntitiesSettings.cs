using ActorStreams.Domain.Churn;
using ActorStreams.Domain.Customers;
using ActorStreams.Domain.Enrichment;
using ActorStreams.Domain.Fraud;
using ActorStreams.Domain.Loans;
using ActorStreams.Domain.Merchants;
using ActorStreams.Hocon;

namespace ActorStreams.Entities;

/// <summary>
/// The analytics settings of the <c>actorstreams.rules</c>, <c>actorstreams.duplicates</c>, <c>actorstreams.churn</c>, <c>actorstreams.merchant</c> and
/// <c>actorstreams.loans</c> sections, as the domain's settings records.
/// </summary>
/// <param name="Customer">Fraud rules, duplicates, churn, enrichment and loans.</param>
/// <param name="Merchant">Merchant windows and watermarks.</param>
public sealed record EntitiesSettings(CustomerStateSettings Customer, MerchantWindowSettings Merchant)
{
    /// <summary>The defaults of docs/design.md §6.</summary>
    public static EntitiesSettings Default { get; } = new(CustomerStateSettings.Default, MerchantWindowSettings.Default);

    /// <summary>Loan risk, loan fraud rules, segments and windows.</summary>
    public LoanSettings Loans => Customer.Loans;

    /// <summary>Reads the four sections (missing keys take the defaults) and validates them; errors name the HOCON key.</summary>
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
        var loans = ReadLoans(config);
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
            Loans = loans,
            Duplicates = ReadDuplicates(config),
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

    private static DuplicateSettings ReadDuplicates(Config config)
    {
        const string duplicates = "actorstreams.duplicates.";
        var d = DuplicateSettings.Default;
        var last = config.GetInt(duplicates + "remember-last", d.RememberLast);
        Require(last is >= 0 and <= 1_000_000, duplicates + "remember-last", "must be an integer between 0 and 1000000", last);
        var within = Duration(config, duplicates + "remember-within", d.RememberWithin, allowZero: true);
        Require(within <= TimeSpan.FromDays(366), duplicates + "remember-within", "must be at most 366 days", within);
        return new DuplicateSettings { RememberLast = last, RememberWithin = within };
    }

    private static LoanSettings ReadLoans(Config config)
    {
        var d = LoanSettings.Default;
        const string loans = "actorstreams.loans.";
        var settings = new LoanSettings
        {
            CreditWeight = NonNegative(config, loans + "risk.credit-weight", d.CreditWeight),
            DtiWeight = NonNegative(config, loans + "risk.dti-weight", d.DtiWeight),
            DtiCap = Positive(config, loans + "risk.dti-cap", d.DtiCap),
            LtiWeight = NonNegative(config, loans + "risk.lti-weight", d.LtiWeight),
            LtiCap = Positive(config, loans + "risk.lti-cap", d.LtiCap),
            EmploymentWeight = NonNegative(config, loans + "risk.employment-weight", d.EmploymentWeight),
            MinEmploymentYears = Money(config, loans + "risk.min-employment-years", d.MinEmploymentYears),
            MediumRiskFrom = NonNegative(config, loans + "risk.medium-from", d.MediumRiskFrom),
            HighRiskFrom = NonNegative(config, loans + "risk.high-from", d.HighRiskFrom),
            CriticalRiskFrom = NonNegative(config, loans + "risk.critical-from", d.CriticalRiskFrom),
            IdentityThreshold = NonNegative(config, loans + "identity-mismatch.threshold", d.IdentityThreshold),
            BotSpeedSeconds = Money(config, loans + "bot-speed.min-duration-seconds", d.BotSpeedSeconds),
            DeviceMinCustomers = Count(config, loans + "device-shared.min-customers", d.DeviceMinCustomers),
            DeviceWindow = Duration(config, loans + "device-shared.window", d.DeviceWindow),
            BurstMinCount = Count(config, loans + "application-burst.min-count", d.BurstMinCount),
            BurstWindow = Duration(config, loans + "application-burst.window", d.BurstWindow),
            AllowedLateness = Duration(config, loans + "allowed-lateness", d.AllowedLateness, allowZero: true),
            PrimeMinScore = Count(config, loans + "segments.prime-min-score", d.PrimeMinScore),
            NearPrimeMinScore = Count(config, loans + "segments.near-prime-min-score", d.NearPrimeMinScore),
            WindowSize = Duration(config, loans + "window", d.WindowSize),
        };
        Require(settings.MediumRiskFrom <= settings.HighRiskFrom && settings.HighRiskFrom <= settings.CriticalRiskFrom && settings.CriticalRiskFrom <= 100,
            loans + "risk", "needs medium-from <= high-from <= critical-from <= 100", $"{settings.MediumRiskFrom}, {settings.HighRiskFrom}, {settings.CriticalRiskFrom}");
        Require(settings.IdentityThreshold <= 1, loans + "identity-mismatch.threshold", "must be a number in [0, 1]", settings.IdentityThreshold);
        Require(settings.NearPrimeMinScore <= settings.PrimeMinScore, loans + "segments.near-prime-min-score", "must not exceed segments.prime-min-score", settings.NearPrimeMinScore);
        Require(TimeSpan.FromDays(1).Ticks % settings.WindowSize.Ticks == 0, loans + "window", "must divide a day evenly (e.g. 10s, 1m, 5m, 1h)", settings.WindowSize);
        return settings;
    }

    private static double NonNegative(Config config, string path, double fallback)
    {
        var value = config.GetDouble(path, fallback);
        Require(value >= 0 && double.IsFinite(value), path, "must be a number >= 0", value);
        return value;
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
            path, "must be a non-negative number", text);
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
