using ActorStreams.Hocon;

namespace ActorStreams.Generator.Tests;

[Trait("Category", "Unit")]
public sealed class GeneratorSettingsTests
{
    [Fact]
    public void Create_EmptyConfig_GivesTheDefaultsOfReferenceConf()
    {
        Assert.Equal(GeneratorSettings.Default, GeneratorSettings.Create(ConfigFactory.Empty));
    }

    [Fact]
    public void Create_Overrides_AreRead()
    {
        var settings = GeneratorSettings.Create(ConfigFactory.ParseString("""
            actorstreams.generator {
              seed = 9, count = 5, customers = 77, offers = 3, merchants-per-category = 4, fraud-ratio = 0.1
              rate = 250, speedup = 3, start = "2026-01-02T03:04:05Z", mean-customer-interval = 30m
              disorder = 500ms, disorder-ratio = 0.5, profiles { high-value = 0.2, suspicious = 0.1 }
              online-ratio = 0.4, churner-ratio = 0.3, offer-ratio = 0.6
            }
            """));

        Assert.Equal(
            new GeneratorSettings
            {
                Seed = 9, Count = 5, Customers = 77, Offers = 3, MerchantsPerCategory = 4, FraudRatio = 0.1, Rate = 250, Speedup = 3,
                Start = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), MeanCustomerInterval = TimeSpan.FromMinutes(30),
                Disorder = TimeSpan.FromMilliseconds(500), DisorderRatio = 0.5, HighValueRatio = 0.2, SuspiciousRatio = 0.1,
                OnlineRatio = 0.4, ChurnerRatio = 0.3, OfferRatio = 0.6,
            },
            settings);
    }

    [Theory]
    [InlineData("fraud-ratio = 1.5", "actorstreams.generator.fraud-ratio must be a number ≥ 0 and < 1, got 1.5")]
    [InlineData("customers = 0", "actorstreams.generator.customers must be an integer between 1 and 10000000, got 0")]
    [InlineData("disorder = 5m", "actorstreams.generator.disorder must be a duration between 0 and 1m, got \"5m\"")]
    [InlineData("mean-customer-interval = 0s", "actorstreams.generator.mean-customer-interval must be a positive duration, got \"0s\"")]
    [InlineData("speedup = 0", "actorstreams.generator.speedup must be a number > 0, got 0")]
    [InlineData("start = yesterday", "actorstreams.generator.start must be an ISO-8601 instant")]
    [InlineData("profiles { high-value = 0.7, suspicious = 0.5 }", "actorstreams.generator.profiles.suspicious plus profiles.high-value must be at most 1")]
    [InlineData("behaviour.days = 0", "actorstreams.generator.behaviour.days must be an integer between 1 and 3650, got 0")]
    [InlineData("behaviour.duplicate-ratio = 1.5", "actorstreams.generator.behaviour.duplicate-ratio must be a number between 0 and 1, got 1.5")]
    [InlineData("behaviour.abrupt-churn-ratio = -0.1", "actorstreams.generator.behaviour.abrupt-churn-ratio must be a number between 0 and 1, got -0.1")]
    [InlineData("behaviour.segments.loyal = 0.5", "actorstreams.generator.behaviour.segments.at-risk plus segments.loyal, segments.occasional and segments.bargain must be 1, got 0.5 + 0.35 + 0.2 + 0.15 = 1.2")]
    public void Create_BadValue_NamesTheKey(string hocon, string expected)
    {
        var error = Assert.ThrowsAny<ConfigException>(() => GeneratorSettings.Create(ConfigFactory.ParseString($"actorstreams.generator {{ {hocon} }}")));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_BehaviourOverrides_AreRead()
    {
        var settings = GeneratorSettings.Create(ConfigFactory.ParseString("""
            actorstreams.generator.behaviour {
              days = 30, abrupt-churn-ratio = 0.5, duplicate-ratio = 0.01
              segments { loyal = 0.1, occasional = 0.2, bargain = 0.3, at-risk = 0.4 }
            }
            """));

        Assert.Equal(
            new CustomerEventSettings
            {
                Days = 30, LoyalShare = 0.1, OccasionalShare = 0.2, BargainShare = 0.3, AtRiskShare = 0.4, AbruptChurnRatio = 0.5, DuplicateRatio = 0.01,
            },
            settings.Behaviour);
        Assert.Equal(settings.Behaviour, CustomerEventSettings.Create(ConfigFactory.ParseString("actorstreams.generator.behaviour { days = 30, abrupt-churn-ratio = 0.5, duplicate-ratio = 0.01, segments { loyal = 0.1, occasional = 0.2, bargain = 0.3, at-risk = 0.4 } }")));
        Assert.Equal(GeneratorSettings.Default with { Behaviour = settings.Behaviour }, settings);
    }

    [Fact]
    public void Reference_DocumentsEveryKeyWithAComment()
    {
        using var stream = typeof(GeneratorSettings).Assembly.GetManifestResourceStream("ActorStreams.Generator.reference.conf")!;
        var lines = new StreamReader(stream).ReadToEnd().Split('\n');

        var keys = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith('}') || line.EndsWith('{') && !line.Contains('='))
            {
                continue;
            }

            keys++;
            Assert.True(lines[i - 1].Trim().StartsWith('#'), $"reference.conf line {i + 1} ({line}) has no comment above it");
        }

        Assert.True(keys >= 16);
    }

    [Fact]
    public void Validate_InvalidBehaviour_NamesItsProperty()
    {
        var settings = GeneratorSettings.Default with { Behaviour = CustomerEventSettings.Default with { LoyalShare = 0.4 } };

        var error = Assert.Throws<ArgumentOutOfRangeException>(settings.Validate);

        Assert.Equal(nameof(CustomerEventSettings.AtRiskShare), error.ParamName);
        Assert.Contains("plus the other segment shares must be 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InvalidProperty_NamesIt()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => (GeneratorSettings.Default with { FraudRatio = -0.1 }).Validate());

        Assert.Equal(nameof(GeneratorSettings.FraudRatio), error.ParamName);
    }
}
