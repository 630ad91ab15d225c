using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Node.Admin;

/// <summary>
/// The Kestrel hosts of a node (the admin API, the cluster bootstrap contact point): an empty builder with routing,
/// no server header, one listening address, the node's logging from warnings up, and no console lifetime (the node
/// owns Ctrl-C and SIGTERM through CoordinatedShutdown).
/// </summary>
internal static class BareHost
{
    /// <summary>A builder for a host named after <paramref name="owner"/>'s assembly, listening on <paramref name="address"/>:<paramref name="port"/>.</summary>
    public static WebApplicationBuilder Create(Type owner, IPAddress address, int port, ILoggerFactory loggerFactory)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = owner.Assembly.GetName().Name });
        builder.Services.AddLogging();
        builder.Services.AddSingleton<ILoggerFactory>(new MinimumLevelLoggerFactory(loggerFactory, LogLevel.Warning));
        builder.Services.AddSingleton<IHostLifetime, NoopHostLifetime>();
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Listen(address, port);
        });
        return builder;
    }
}
