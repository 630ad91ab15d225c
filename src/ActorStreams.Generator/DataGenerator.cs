using ActorStreams.Domain;
using ActorStreams.Generator.Avro;
using ActorStreams.Generator.Internal;

namespace ActorStreams.Generator;

/// <summary>Opens generated record streams: the datasets of <see cref="GeneratorDatasets"/> and schema-driven records.</summary>
public static class DataGenerator
{
    /// <summary>
    /// Opens <paramref name="dataset"/>. <paramref name="count"/> is the number of transactions, activities or loan
    /// applications (default <see cref="GeneratorSettings.Count"/>), or of reference records for customer-details and
    /// customer-offers (ids 1..count, default the pool size). Insurance writes every offer and customer, then
    /// <paramref name="count"/> activities. For customer-events it caps the events; null (not
    /// <see cref="GeneratorSettings.Count"/>) generates the whole simulated period of <see cref="CustomerEventSettings.Days"/>,
    /// and the stream's <see cref="GeneratedRecordStream.ChurnTruth"/> holds the ground truth. A live customer-events
    /// stream is paced at the rate whatever its timestamps, which may run ahead of the clock.
    /// </summary>
    /// <param name="dataset">One of <see cref="GeneratorDatasets.All"/>.</param>
    /// <param name="settings">Sizes, seed, fraud and pacing.</param>
    /// <param name="timeProvider">The clock that gives the start of a live run (<see cref="GeneratorSettings.IsLive"/>); backfills never read it.</param>
    /// <param name="count">How many records; see above.</param>
    /// <exception cref="ArgumentException">Unknown dataset (the message lists the valid ones) or invalid settings.</exception>
    public static GeneratedRecordStream Open(string dataset, GeneratorSettings settings, TimeProvider timeProvider, long? count = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfNegative(count ?? 0, nameof(count));
        settings.Validate();
        var start = StartOf(settings, timeProvider);
        return dataset switch
        {
            GeneratorDatasets.Transactions => new TransactionStream(settings, start, count ?? settings.Count),
            GeneratorDatasets.CustomerActivity => new InsuranceStream(dataset, settings, start, 0, 0, count ?? settings.Count),
            GeneratorDatasets.CustomerDetails => new InsuranceStream(dataset, settings, start, 0, count ?? settings.Customers, 0),
            GeneratorDatasets.CustomerOffers => new InsuranceStream(dataset, settings, start, count ?? settings.Offers, 0, 0),
            GeneratorDatasets.Insurance => new InsuranceStream(dataset, settings, start, settings.Offers, settings.Customers, count ?? settings.Count),
            GeneratorDatasets.LoanApplications => new LoanApplicationStream(settings, start, count ?? settings.Count),
            GeneratorDatasets.CustomerEvents => new CustomerEventStream(settings, start, count),
            _ => throw new ArgumentException($"unknown dataset \"{dataset}\"; expected one of {string.Join(", ", GeneratorDatasets.All)}", nameof(dataset)),
        };
    }

    /// <summary>
    /// The ground truth of <c>customer-events</c> for these settings: every customer's segment and churn time, without
    /// generating the events. Equal to the <see cref="GeneratedRecordStream.ChurnTruth"/> of a stream opened with the same
    /// settings and clock time; for a live run (no start, positive rate) take the stream's own, as its start is the clock's now.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid settings.</exception>
    public static ChurnGroundTruth ChurnTruth(GeneratorSettings settings, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(timeProvider);
        return Open(GeneratorDatasets.CustomerEvents, settings, timeProvider).ChurnTruth!;
    }

    /// <summary>
    /// Opens a stream of <paramref name="count"/> (default <see cref="GeneratorSettings.Count"/>) records valid for
    /// <paramref name="schema"/>, which must be a record schema.
    /// </summary>
    /// <exception cref="AvroSchemaException">The schema is not a record, or has a construct no finite value satisfies; the message names the field.</exception>
    public static GeneratedRecordStream OpenSchema(AvroSchema schema, GeneratorSettings settings, TimeProvider timeProvider, long? count = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfNegative(count ?? 0, nameof(count));
        settings.Validate();
        if (schema is not AvroRecordSchema record)
        {
            throw new AvroSchemaException($"unsupported: schema-driven generation needs a record schema at the top level, got {schema}");
        }

        return new SchemaRecordStream(record, settings, StartOf(settings, timeProvider), count ?? settings.Count);
    }

    /// <summary>
    /// The explicit start; else, live, the clock's now; else (a backfill) <see cref="GeneratorSettings.DefaultStart"/>, so
    /// that backfills are byte-identical across runs. Whole milliseconds, the precision of the timestamps.
    /// </summary>
    private static EventTime StartOf(GeneratorSettings settings, TimeProvider timeProvider)
    {
        var start = settings.Start ?? (settings.IsLive ? timeProvider.GetUtcNow() : GeneratorSettings.DefaultStart);
        return new EventTime(IsoTimestamp.FloorToMillisecond(EventTime.FromDateTimeOffset(start).Ticks));
    }
}
