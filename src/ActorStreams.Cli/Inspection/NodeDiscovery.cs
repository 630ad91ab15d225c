using System.Text;
using System.Text.Json;
using ActorStreams.Cli.Inspection.Model;

namespace ActorStreams.Cli.Inspection;

/// <summary>
/// Finds a node to talk to when no <c>--node</c> is given: the members of the membership topic, live and freshest
/// first, each asked <c>GET /health</c> until one answers <c>up</c>; then the default node (<c>127.0.0.1:9110</c>).
/// </summary>
internal sealed class NodeDiscovery
{
    private readonly IMembershipSource _members;
    private readonly Func<NodeAddress, IAdminApi> _connect;
    private readonly TimeProvider _time;
    private readonly string _groupId;
    private readonly TimeSpan _heartbeatInterval;
    private readonly NodeAddress _fallback;

    public NodeDiscovery(
        IMembershipSource members, Func<NodeAddress, IAdminApi> connect, TimeProvider time, string groupId, TimeSpan heartbeatInterval, NodeAddress? fallback = null)
    {
        _fallback = fallback ?? NodeAddress.Local;
        _members = members;
        _connect = connect;
        _time = time;
        _groupId = groupId;
        _heartbeatInterval = heartbeatInterval;
    }

    /// <summary>
    /// The members worth trying, best first: those of this group with an endpoint; fresh ones (a heartbeat within
    /// three intervals, the API's <c>unreachable</c> rule) before stale ones, <c>up</c> before <c>leaving</c>,
    /// then the newest heartbeat.
    /// </summary>
    public static IReadOnlyList<MembershipRecord> Rank(IEnumerable<MembershipRecord> records, string groupId, DateTimeOffset now, TimeSpan heartbeatInterval)
    {
        var staleBefore = now - (3 * heartbeatInterval);
        return
        [
            .. records
                .Where(r => (r.GroupId is null || r.GroupId == groupId) && !string.IsNullOrWhiteSpace(r.HttpEndpoint))
                .OrderBy(r => r.HeartbeatAt is not { } at || at < staleBefore)
                .ThenBy(r => r.Status != "up")
                .ThenByDescending(r => r.HeartbeatAt ?? DateTimeOffset.MinValue)
                .ThenBy(r => r.NodeId, StringComparer.Ordinal),
        ];
    }

    /// <summary>A client of the first node that answers; the caller disposes it.</summary>
    /// <exception cref="AdminApiException">No node answered; the message lists what was tried.</exception>
    public async Task<IAdminApi> FindAsync(CancellationToken cancellationToken)
    {
        var tried = new List<string>();
        var addresses = new HashSet<Uri>();
        IReadOnlyList<MembershipRecord> members = [];
        try
        {
            members = await _members.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MembershipUnavailableException ex)
        {
            tried.Add(ex.Message);
        }

        var candidates = Rank(members, _groupId, _time.GetUtcNow(), _heartbeatInterval);
        if (members.Count > 0 && candidates.Count == 0)
        {
            tried.Add($"{members.Count} record(s) in the topic, none of group {_groupId} with an http_endpoint");
        }

        foreach (var member in candidates)
        {
            if (!NodeAddress.TryParse(member.HttpEndpoint, out var address))
            {
                tried.Add($"{member.NodeId}: unusable http_endpoint \"{member.HttpEndpoint}\"");
                continue;
            }

            if (!addresses.Add(address.BaseUri))
            {
                continue;
            }

            var (api, failure) = await ProbeAsync(address, cancellationToken).ConfigureAwait(false);
            if (api is not null)
            {
                return api;
            }

            tried.Add($"{member.NodeId} at {address} ({member.Status ?? "no status"}): {failure}");
        }

        if (addresses.Add(_fallback.BaseUri))
        {
            var (api, failure) = await ProbeAsync(_fallback, cancellationToken).ConfigureAwait(false);
            if (api is not null)
            {
                return api;
            }

            tried.Add($"default {_fallback}: {failure}");
        }

        var message = new StringBuilder(
            $"no live ActorStreams node found in {_members.Description}; start one with ./actorstreams node or pass --node host:port");
        foreach (var attempt in tried)
        {
            message.Append("\n  ").Append(attempt);
        }

        throw new AdminApiException(message.ToString());
    }

    private async Task<(IAdminApi? Api, string? Failure)> ProbeAsync(NodeAddress address, CancellationToken cancellationToken)
    {
        var api = _connect(address);
        try
        {
            var health = (await api.GetAsync("/health", cancellationToken).ConfigureAwait(false)).Deserialize(AdminJsonContext.Default.HealthAnswer);
            if (health?.Status == "up")
            {
                return (api, null);
            }

            api.Dispose();
            return (null, $"status {health?.Status ?? "unknown"}");
        }
        catch (Exception ex) when (ex is AdminApiException or JsonException)
        {
            api.Dispose();
            var reason = ex.Message;
            var prefix = $"cannot reach node at {address}: ";
            return (null, reason.StartsWith(prefix, StringComparison.Ordinal) ? reason[prefix.Length..] : reason);
        }
    }
}
