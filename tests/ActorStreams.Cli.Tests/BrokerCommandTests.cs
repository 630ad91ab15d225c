using System.Net.Sockets;
using ActorStreams.TestKit;

namespace ActorStreams.Cli.Tests;

[Trait("Category", "Integration")]
public sealed class BrokerCommandTests
{
    [Fact]
    public async Task Broker_Started_WritesBootstrapAcceptsConnectionsAndStopsOnCancel()
    {
        var file = Path.Combine(Path.GetTempPath(), $"actorstreams-bootstrap-{Guid.NewGuid():N}.txt");
        using var cancel = new CancellationTokenSource();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var run = CliApplication.RunAsync(["broker", "--brokers", "2", "--partitions", "3", "--bootstrap-file", file], output, error, cancel.Token);
        try
        {
            // The bootstrap file comes first, then the bootstrap line and the banner on stderr.
            await Eventually.Until(
                () => run.IsCompleted || (File.Exists(file) && new FileInfo(file).Length > 0 && error.ToString().Contains("Ctrl-C stops it.", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(20),
                "the broker wrote its bootstrap file and its banner");
            Assert.False(run.IsCompleted, $"broker ended early: {error}");

            var bootstrap = (await File.ReadAllTextAsync(file)).Trim();
            var servers = bootstrap.Split(',');
            Assert.Equal(2, servers.Length);
            var (host, port) = (servers[0].Split(':')[0], int.Parse(servers[0].Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
            using (var client = new TcpClient())
            {
                await client.ConnectAsync(host, port);
                Assert.True(client.Connected);
            }

            Assert.Contains("bootstrap: " + bootstrap, output.ToString(), StringComparison.Ordinal);
            Assert.Contains("for development only", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            await cancel.CancelAsync();
            Assert.Equal(ExitCodes.Ok, await run.WaitAsync(TimeSpan.FromSeconds(20)));
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("--brokers", "0", "--brokers must be between 1 and 32")]
    [InlineData("--partitions", "0", "--partitions must be between 1 and 10000")]
    public async Task Broker_BadValues_Exit2(string flag, string value, string message)
    {
        var result = await CliRunner.RunAsync("broker", flag, value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }
}
