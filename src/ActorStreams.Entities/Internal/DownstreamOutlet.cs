using ActorStreams.Domain;
using ActorStreams.Domain.Merchants;
using ActorStreams.Kafka.Producer;

namespace ActorStreams.Entities.Internal;

/// <summary>
/// A customer partition as a source of one downstream tier (merchants, or loans) on its repartition topic
/// (docs/design.md §6): data goes out in offset order carrying the partition's watermark; the watermark of the data
/// forwarded so far, or that the partition is idle, is announced to every downstream partition with control records
/// that never overtake the data they cover; after an idle announcement the partition announces itself back before its
/// next data.
/// </summary>
internal sealed class DownstreamOutlet(string topic, int partitions, Func<EventTime, byte[]> encodeWatermark, Func<byte[]> encodeIdle)
{
    private long _forwarded = long.MinValue;
    private long _announced = long.MinValue;
    private bool _idleAnnounced;

    /// <summary>The highest watermark carried by data forwarded so far (checkpointed: it is what announcements say).</summary>
    public long Forwarded
    {
        get => _forwarded;
        init => _forwarded = value;
    }

    /// <summary>Adds a data record carrying <paramref name="carried"/>, announcing the partition back first if it was idle.</summary>
    public void Forward(ProducerRecord record, EventTime carried, List<ProducerRecord> output)
    {
        if (_idleAnnounced)
        {
            // Downstream partitions believe this source idle: tell all of them it is back before its data.
            _idleAnnounced = false;
            _forwarded = Math.Max(_forwarded, carried.Ticks);
            AnnounceWatermark(output);
        }

        output.Add(record);
        _forwarded = Math.Max(_forwarded, carried.Ticks);
    }

    /// <summary>Acts on a tick's watermark signal: announces idleness, or else the forwarded watermark when it moved since the last announcement.</summary>
    public void OnSignal(WatermarkSignal signal, List<ProducerRecord> output)
    {
        if (signal.Kind == WatermarkSignalKind.Idle)
        {
            Announce(encodeIdle(), output);
            _idleAnnounced = true;
        }
        else if (_forwarded > _announced)
        {
            AnnounceWatermark(output);
        }
    }

    private void AnnounceWatermark(List<ProducerRecord> output)
    {
        Announce(encodeWatermark(new EventTime(_forwarded)), output);
        _announced = _forwarded;
    }

    private void Announce(byte[] control, List<ProducerRecord> output)
    {
        for (var partition = 0; partition < partitions; partition++)
        {
            output.Add(new ProducerRecord(topic, null, control, partition));
        }
    }
}
