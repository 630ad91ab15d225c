using ActorStreams.Domain.Customers;
using ActorStreams.Hocon;

namespace ActorStreams.Entities.Tests;

[Trait("Category", "Unit")]
public sealed class EntitiesSettingsTests
{
    [Fact]
    public void Create_EmptyConfig_GivesTheContractDefaults()
    {
        var settings = EntitiesSettings.Create(ConfigFactory.Empty);

        Assert.Equal(EntitiesSettings.Default, settings);
        Assert.Equal(1000, settings.Customer.Duplicates.RememberLast);
        Assert.Equal(TimeSpan.FromHours(24), settings.Customer.Duplicates.RememberWithin);
    }

    [Fact]
    public void Create_DuplicatesSection_IsRead()
    {
        var config = ConfigFactory.ParseString("actorstreams.duplicates { remember-last = 0, remember-within = 90m }");

        var duplicates = EntitiesSettings.Create(config).Customer.Duplicates;

        Assert.Equal(new DuplicateSettings { RememberLast = 0, RememberWithin = TimeSpan.FromMinutes(90) }, duplicates);
    }

    [Theory]
    [InlineData("duplicates.remember-last = -1", "actorstreams.duplicates.remember-last must be an integer between 0 and 1000000, got \"-1\"")]
    [InlineData("duplicates.remember-within = -5s", "actorstreams.duplicates.remember-within must not be negative")]
    [InlineData("duplicates.remember-within = 400d", "actorstreams.duplicates.remember-within must be at most 366 days")]
    [InlineData("churn.alpha = 0", "actorstreams.churn.alpha must be a number in (0, 1], got \"0\"")]
    [InlineData("rules.rapid-fire.min-count = 0", "actorstreams.rules.rapid-fire.min-count must be a positive integer, got \"0\"")]
    public void Create_InvalidValue_NamesTheKey(string setting, string expected)
    {
        var config = ConfigFactory.ParseString($"actorstreams.{setting}");

        var error = Assert.ThrowsAny<ConfigException>(() => EntitiesSettings.Create(config));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }
}
