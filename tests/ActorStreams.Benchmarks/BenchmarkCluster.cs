using Akka.Actor;
using Akka.Configuration;

namespace ActorStreams.Benchmarks;

/// <summary>
/// The actor systems of <c>bench actors</c>: a plain one with Akka's defaults, and a one-node cluster (remoting on
/// 127.0.0.1, any free port, joined to itself) with the sharding settings the product uses (no idle passivation by Akka,
/// no remember-entities, ddata coordinator state). Logging is kept to warnings so that it does not mix with the figures.
/// </summary>
internal static class BenchmarkCluster
{
    private const string Quiet = """
        akka {
          loglevel = WARNING
          stdout-loglevel = WARNING
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
        }
        """;

    private const string OneNode = """
        akka {
          actor.provider = cluster
          remote.dot-netty.tcp {
            hostname = "127.0.0.1"
            port = 0
          }
          cluster {
            log-info = off
            sharding {
              passivate-idle-entity-after = off
              remember-entities = off
              state-store-mode = ddata
            }
          }
          coordinated-shutdown.run-by-clr-shutdown-hook = off
        }
        """;

    /// <summary>A local actor system with Akka's default dispatcher and settings.</summary>
    public static ActorSystem Plain() => ActorSystem.Create("bench", ConfigurationFactory.ParseString(Quiet));

    /// <summary>Starts a one-node cluster and waits until its member is up.</summary>
    public static async Task<ActorSystem> StartAsync(CancellationToken cancellationToken)
    {
        var system = ActorSystem.Create("bench", ConfigurationFactory.ParseString(OneNode).WithFallback(ConfigurationFactory.ParseString(Quiet)));
        try
        {
            var cluster = Akka.Cluster.Cluster.Get(system);
            var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            cluster.RegisterOnMemberUp(() => up.TrySetResult());
            cluster.Join(cluster.SelfAddress);
            await up.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            return system;
        }
        catch
        {
            await system.Terminate().ConfigureAwait(false);
            throw;
        }
    }
}
