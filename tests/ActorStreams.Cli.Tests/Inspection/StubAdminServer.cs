using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Cli.Tests.Inspection;

/// <summary>A Kestrel server on a free 127.0.0.1 port answering canned admin API responses.</summary>
internal sealed class StubAdminServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StubAdminServer(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    /// <summary><c>127.0.0.1:port</c>.</summary>
    public string Address { get; }

    public static async Task<StubAdminServer> StartAsync(Action<WebApplication> routes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        routes(app);
        await app.StartAsync();
        var url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return new StubAdminServer(app, $"127.0.0.1:{url.Port}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
