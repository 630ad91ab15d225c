using ActorStreams.Generator.Internal;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Producer;

namespace ActorStreams.Generator;

/// <summary>Writes a generated stream to a JSON-lines stream or to Kafka, paced in real time when the stream is live.</summary>
public static class GeneratorOutput
{
    private const int ReportEvery = 1024;

    /// <summary>Writes every record as one line of JSON (UTF-8, <c>\n</c>-terminated) and flushes.</summary>
    /// <param name="records">The stream to drain.</param>
    /// <param name="output">Where to write; buffer it (a <see cref="FileStream"/> with a large buffer) for speed.</param>
    /// <param name="timeProvider">The clock that paces a live stream.</param>
    /// <param name="progress">Receives the number of records written, every 1,024 records and at the end.</param>
    /// <param name="cancellationToken">Stops between records.</param>
    /// <returns>The stream's statistics.</returns>
    public static async Task<GenerationStatistics> WriteJsonLinesAsync(
        GeneratedRecordStream records, Stream output, TimeProvider timeProvider, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var pacer = new Pacer(timeProvider, records.PacedRate);
        var index = 0L;
        while (true)
        {
            if (pacer.IsPaced && pacer.Wait(index - records.UnpacedRecords) is { Ticks: > 0 } wait)
            {
                // Ahead of schedule: what is written so far becomes visible before waiting (a live stream is read as it is written).
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                await pacer.DelayAsync(wait, cancellationToken).ConfigureAwait(false);
            }

            if (!records.MoveNext())
            {
                break;
            }

            output.Write(records.Value);
            output.WriteByte((byte)'\n');
            if (++index % ReportEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(index);
            }
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report(index);
        return records.Statistics;
    }

    /// <summary>
    /// Produces every record to its topic (the logical name resolved through <paramref name="topics"/>), keyed
    /// as docs/design.md §5 says, then waits until all are delivered. The sink partitions keys with murmur2.
    /// </summary>
    /// <exception cref="KafkaSinkFaultException">Delivery failed.</exception>
    public static async Task<GenerationStatistics> ProduceAsync(
        GeneratedRecordStream records, KafkaSink sink, KafkaTopics topics, TimeProvider timeProvider, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var pacer = new Pacer(timeProvider, records.PacedRate);
        var index = 0L;
        string? logical = null;
        var topic = string.Empty;
        while (true)
        {
            if (pacer.IsPaced && pacer.Wait(index - records.UnpacedRecords) is { Ticks: > 0 } wait)
            {
                await pacer.DelayAsync(wait, cancellationToken).ConfigureAwait(false);
            }

            if (!records.MoveNext())
            {
                break;
            }

            if (!ReferenceEquals(logical, records.Topic))
            {
                logical = records.Topic;
                topic = topics.Resolve(logical);
            }

            await sink.ProduceAsync(topic, records.HasKey ? records.Key.ToArray() : null, records.Value.ToArray(), cancellationToken).ConfigureAwait(false);
            if (++index % ReportEvery == 0)
            {
                progress?.Report(index);
            }
        }

        await sink.FlushAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report(index);
        return records.Statistics;
    }
}
