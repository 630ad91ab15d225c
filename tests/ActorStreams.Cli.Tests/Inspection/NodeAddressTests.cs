using ActorStreams.Cli.Inspection;

namespace ActorStreams.Cli.Tests.Inspection;

[Trait("Category", "Unit")]
public sealed class NodeAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:9110", "http://127.0.0.1:9110/", "127.0.0.1:9110")]
    [InlineData("http://127.0.0.1:9111", "http://127.0.0.1:9111/", "127.0.0.1:9111")]
    [InlineData("http://node-2.internal:9111/", "http://node-2.internal:9111/", "node-2.internal:9111")]
    [InlineData("node-2", "http://node-2:9110/", "node-2:9110")]
    [InlineData("http://node-2", "http://node-2:9110/", "node-2:9110")]
    [InlineData("https://node-2:443", "https://node-2/", "https://node-2:443")]
    [InlineData("[::1]:9112", "http://[::1]:9112/", "[::1]:9112")]
    [InlineData("[::1]", "http://[::1]:9110/", "[::1]:9110")]
    [InlineData("0.0.0.0:9113", "http://127.0.0.1:9113/", "127.0.0.1:9113")]
    public void TryParse_Forms_BaseUriAndDisplay(string text, string baseUri, string display)
    {
        Assert.True(NodeAddress.TryParse(text, out var address));
        Assert.Equal(new Uri(baseUri), address.BaseUri);
        Assert.Equal(display, address.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("ftp://host:21")]
    [InlineData("http://host:9110/api")]
    [InlineData("host:notaport")]
    [InlineData("http://user@host:9110")]
    public void TryParse_NotAnAddress_False(string text) => Assert.False(NodeAddress.TryParse(text, out _));

    [Fact]
    public void Parse_Bad_UsageErrorNamingTheFlag()
    {
        var error = Assert.Throws<UsageException>(() => NodeAddress.Parse("host:x"));

        Assert.Equal("--node must be host:port or http://host:port, got \"host:x\"", error.Message);
    }
}
