using ActorStreams.Hocon;

namespace ActorStreams.Warehouse.Tests;

[Trait("Category", "Unit")]
public sealed class WarehouseSettingsTests
{
    [Fact]
    public void Create_Reference_GivesTheDefaults()
    {
        var settings = WarehouseSettings.Create(ConfigFactory.ParseResource(typeof(WarehouseSettings).Assembly, "ActorStreams.Warehouse.reference.conf"));

        Assert.Equal(WarehouseSettings.Default, settings);
    }

    [Fact]
    public void Create_NegativeMaxAmount_NamesTheKey()
    {
        var error = Assert.Throws<ConfigBadValueException>(() => WarehouseSettings.Create(ConfigFactory.ParseString("actorstreams.warehouse.max-amount = -1")));

        Assert.Equal("actorstreams.warehouse.max-amount must be a positive number, got \"-1\"", error.Message);
    }
}
