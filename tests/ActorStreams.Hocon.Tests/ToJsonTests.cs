using ActorStreams.Hocon.Tests.TestSupport;

namespace ActorStreams.Hocon.Tests;

[Trait("Category", "Unit")]
public sealed class ToJsonTests
{
    [Fact]
    public void ToJson_Compact_RendersEveryTypeInDefinitionOrder()
    {
        var config = TestConfig.Parse("z = 1\na { s = \"q\\\"é\\n\", n = 1e5, t = true, f = false, x = null, l = [1, [], {}] }");

        Assert.Equal("{\"z\":1,\"a\":{\"s\":\"q\\\"é\\n\",\"n\":1e5,\"t\":true,\"f\":false,\"x\":null,\"l\":[1,[],{}]}}", config.ToJson(indented: false));
        Assert.Equal(config.ToJson(indented: false), config.ToString());
    }

    [Fact]
    public void ToJson_Indented_IsValidJsonWithNewlines()
    {
        var json = TestConfig.Parse("a { b = [1, 2] }").ToJson();

        Assert.Contains('\n', json);
        TestConfig.AssertJsonEqual("""{ "a": { "b": [1, 2] } }""", json);
    }

    [Fact]
    public void ToJson_SubConfig_RendersItsObject()
    {
        Assert.Equal("{\"c\":1}", TestConfig.Parse("a.b.c = 1").GetConfig("a.b").ToJson(indented: false));
    }

    [Fact]
    public void ConfigValue_ToString_IsCompactJson()
    {
        var config = TestConfig.Parse("s = text\nl = [a, 1]");

        Assert.Equal("\"text\"", config.GetValue("s").ToString());
        Assert.Equal("[\"a\",1]", config.GetValue("l").ToString());
    }
}
