using System.Globalization;
using ActorStreams.Hocon;

namespace ActorStreams.Generator;

/// <content>Reading and validating <c>actorstreams.generator.behaviour</c>.</content>
public sealed partial record CustomerEventSettings
{
    /// <summary>The HOCON section these settings come from.</summary>
    public const string Section = "actorstreams.generator.behaviour";

    private const int MaxDays = 3650;

    /// <summary>How far the four segment shares may add up away from 1 (decimal fractions are not exact in binary).</summary>
    private const double ShareTolerance = 1e-6;

    /// <summary>
    /// Reads <c>actorstreams.generator.behaviour</c> from the application's root configuration, with the generator's
    /// reference.conf as fallback for missing keys, and validates it.
    /// </summary>
    /// <exception cref="ConfigException">A value is missing, of the wrong type or out of range; the message names the full key.</exception>
    public static CustomerEventSettings Create(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var section = config.WithFallback(GeneratorSettings.Reference).Resolve().GetConfig(Section);
        var loyal = GeneratorSettings.Ratio(section, "segments.loyal", inclusive: true);
        var occasional = GeneratorSettings.Ratio(section, "segments.occasional", inclusive: true);
        var bargain = GeneratorSettings.Ratio(section, "segments.bargain", inclusive: true);
        var atRisk = GeneratorSettings.Ratio(section, "segments.at-risk", inclusive: true);
        if (!SharesAddUp(loyal, occasional, bargain, atRisk))
        {
            var sum = string.Create(CultureInfo.InvariantCulture, $"{loyal} + {occasional} + {bargain} + {atRisk} = {loyal + occasional + bargain + atRisk}");
            throw GeneratorSettings.Bad(section, "segments.at-risk", "plus segments.loyal, segments.occasional and segments.bargain must be 1", sum);
        }

        return new CustomerEventSettings
        {
            Days = (int)GeneratorSettings.Range(section, "days", 1, MaxDays, section.GetLong("days")),
            LoyalShare = loyal,
            OccasionalShare = occasional,
            BargainShare = bargain,
            AtRiskShare = atRisk,
            AbruptChurnRatio = GeneratorSettings.Ratio(section, "abrupt-churn-ratio", inclusive: true),
            DuplicateRatio = GeneratorSettings.Ratio(section, "duplicate-ratio", inclusive: true),
        };
    }
}
