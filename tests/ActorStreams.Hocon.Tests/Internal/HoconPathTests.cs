using ActorStreams.Hocon.Internal;

namespace ActorStreams.Hocon.Tests.Internal;

[Trait("Category", "Unit")]
public sealed class HoconPathTests
{
    [Theory]
    [InlineData("a", new[] { "a" }, "a")]
    [InlineData("a.b.c", new[] { "a", "b", "c" }, "a.b.c")]
    [InlineData("a.\"b.c\"", new[] { "a", "b.c" }, "a.\"b.c\"")]
    [InlineData("a.\"\".b", new[] { "a", "", "b" }, "a.\"\".b")]
    [InlineData("group-id", new[] { "group-id" }, "group-id")]
    [InlineData("10.0foo", new[] { "10", "0foo" }, "10.0foo")]
    [InlineData("true.null", new[] { "true", "null" }, "true.null")]
    [InlineData(" a b ", new[] { "a b" }, "\"a b\"")]
    public void Parse_AndRender_RoundTrip(string expression, string[] segments, string rendered)
    {
        var path = HoconPath.Parse(expression);

        Assert.Equal(segments, path.Segments);
        Assert.Equal(rendered, path.Render());
        Assert.Equal(path, HoconPath.Parse(rendered));
    }

    [Fact]
    public void StartsWith_ComparesWholeKeys()
    {
        var path = HoconPath.Parse("a.bc.d");

        Assert.True(path.StartsWith(HoconPath.Parse("a.bc")));
        Assert.True(path.StartsWith(HoconPath.Root));
        Assert.False(path.StartsWith(HoconPath.Parse("a.b")));
        Assert.False(HoconPath.Parse("a").StartsWith(path));
    }
}
