using System.Globalization;
using System.Net.Sockets;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Consumer;

namespace ActorStreams.Cli.Inspection;

/// <summary>
/// Reads <c>actorstreams-members</c> with a <see cref="GlobalTableReader"/> to the end it had when reading began.
/// The bootstrap servers are probed with a plain TCP connect first, so an absent Kafka is reported at once rather
/// than after librdkafka's metadata timeout; the whole read is bounded by the timeout.
/// </summary>
internal sealed class KafkaMembershipSource : IMembershipSource
{
    private readonly KafkaSettings _settings;
    private readonly TimeSpan _timeout;

    public KafkaMembershipSource(KafkaSettings settings, TimeSpan timeout)
    {
        // Named apart from the nodes' own clients in broker logs.
        _settings = settings with { ClientId = "actorstreams-cmd" };
        _timeout = timeout;
    }

    public string Description => $"{_settings.Topics.Members} on {_settings.BootstrapServers}";

    public async Task<IReadOnlyList<Model.MembershipRecord>> ReadAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        await EnsureReachableAsync(deadline.Token, cancellationToken).ConfigureAwait(false);

        var table = new MembershipTable();
        var topic = _settings.Topics.Members;
        var reader = new GlobalTableReader(_settings, topic, record => table.Apply(record.Key, record.Value));
        // StartAsync blocks in librdkafka metadata calls before it returns its task, so it runs off this thread.
        var token = deadline.Token;
        var started = Task.Run(() => reader.StartAsync(token), CancellationToken.None);
        try
        {
            await started.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MembershipUnavailableException($"reading {topic} did not finish within {Formats.Duration(_timeout)}");
        }
        catch (KafkaLayerException ex)
        {
            throw new MembershipUnavailableException(ex.Message, ex);
        }
        finally
        {
            // The reader may still be starting after a timeout; stop it once it has.
            _ = started.ContinueWith(_ => reader.DisposeAsync().AsTask(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }

        return table.Snapshot();
    }

    private async Task EnsureReachableAsync(CancellationToken deadline, CancellationToken cancellationToken)
    {
        var servers = _settings.BootstrapServers.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        string? lastFailure = null;
        foreach (var server in servers)
        {
            var colon = server.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(server.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                lastFailure = $"bad bootstrap server \"{server}\"";
                continue;
            }

            var host = server[..colon].Trim('[', ']');
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(host, port, deadline).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lastFailure = $"no answer within {Formats.Duration(_timeout)}";
                break;
            }
            catch (SocketException ex)
            {
                lastFailure = ex.SocketErrorCode == SocketError.ConnectionRefused ? "connection refused" : ex.Message;
            }
        }

        throw new MembershipUnavailableException($"cannot reach Kafka at {_settings.BootstrapServers}: {lastFailure ?? "no bootstrap servers"}");
    }
}
