using System.Text;
using System.Text.Json;
using ActorStreams.Cli.Inspection.Model;

namespace ActorStreams.Cli.Inspection;

/// <summary>
/// Folds the records of the compacted membership topic, in offset order, into the latest record per node id
/// (the key); a tombstone (null value, written on leave) removes the node. Undecodable values are skipped, the
/// node keeping its previous record.
/// </summary>
internal sealed class MembershipTable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, MembershipRecord> _latest = new(StringComparer.Ordinal);

    /// <summary>Applies one record; safe to call from a reader thread.</summary>
    public void Apply(byte[]? key, byte[]? value)
    {
        var nodeId = key is null ? null : Encoding.UTF8.GetString(key);
        if (value is null)
        {
            if (nodeId is not null)
            {
                lock (_gate)
                {
                    _latest.Remove(nodeId);
                }
            }

            return;
        }

        MembershipRecord? record;
        try
        {
            record = JsonSerializer.Deserialize(value, AdminJsonContext.Default.MembershipRecord);
        }
        catch (JsonException)
        {
            return;
        }

        nodeId ??= record?.NodeId;
        if (record is null || string.IsNullOrEmpty(nodeId))
        {
            return;
        }

        lock (_gate)
        {
            _latest[nodeId] = string.IsNullOrEmpty(record.NodeId) ? record with { NodeId = nodeId } : record;
        }
    }

    /// <summary>The latest record of every node still present, by node id.</summary>
    public IReadOnlyList<MembershipRecord> Snapshot()
    {
        lock (_gate)
        {
            return [.. _latest.Values.OrderBy(r => r.NodeId, StringComparer.Ordinal)];
        }
    }
}
