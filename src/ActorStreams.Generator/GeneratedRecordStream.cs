using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using ActorStreams.Domain;
using ActorStreams.Generator.Internal;

namespace ActorStreams.Generator;

/// <summary>
/// A pull-based stream of generated records: each <see cref="MoveNext"/> writes the next record's JSON
/// into a reused buffer, so memory stays constant however many records are produced. The current
/// record's <see cref="Value"/>, <see cref="Key"/> and <see cref="Topic"/> are valid until the next call.
/// Not thread-safe. Create with <see cref="DataGenerator"/>.
/// </summary>
public abstract class GeneratedRecordStream
{
    private readonly ArrayBufferWriter<byte> _value = new(1024);
    private readonly Utf8JsonWriter _writer;
    private readonly byte[] _key = new byte[256];
    private int _keyLength;
    private bool _hasKey;

    private protected GeneratedRecordStream(string dataset, long totalCount, GeneratorSettings settings, EventTime start)
    {
        Dataset = dataset;
        TotalCount = totalCount;
        Start = start;
        PacedRate = settings.IsLive ? settings.Rate : 0;
        _writer = new Utf8JsonWriter(_value, JsonText.WriterOptions);
    }

    /// <summary>The dataset name (e.g. <c>transactions</c>), or <c>schema:&lt;record name&gt;</c> for schema-driven streams.</summary>
    public string Dataset { get; }

    /// <summary>
    /// How many records the stream produces: exactly this many, except <c>customer-events</c>, which also ends with its
    /// simulated period (<see cref="long.MaxValue"/> when only the period bounds it).
    /// </summary>
    public long TotalCount { get; }

    /// <summary>Records produced so far.</summary>
    public long Position => Statistics.Records;

    /// <summary>Event time of the first streamed record.</summary>
    public EventTime Start { get; }

    /// <summary>Records per wall-clock second at which writers pace this stream (live mode), or 0 for as fast as possible.</summary>
    public double PacedRate { get; }

    /// <summary>Leading records written without pacing: the reference tables (offers, customer details) before insurance activities.</summary>
    internal long UnpacedRecords { get; private protected init; }

    /// <summary>
    /// The segments and churn times of a <c>customer-events</c> stream's customers, fixed when it is opened; null for the
    /// other datasets, whose records carry their own labels (<c>is_fraud</c>).
    /// </summary>
    public ChurnGroundTruth? ChurnTruth { get; private protected init; }

    /// <summary>What has been produced so far.</summary>
    public GenerationStatistics Statistics { get; } = new();

    /// <summary>The logical topic of the current record (a key of <c>actorstreams.kafka.topics</c>, e.g. <c>customer-offers</c>).</summary>
    public string Topic { get; private set; } = string.Empty;

    /// <summary>True when the current record has a key.</summary>
    public bool HasKey => _hasKey;

    /// <summary>The current record's key as UTF-8 (the decimal or string form of its key field; docs/design.md §5).</summary>
    public ReadOnlySpan<byte> Key => _key.AsSpan(0, _keyLength);

    /// <summary>The current record's JSON, UTF-8, without a trailing newline.</summary>
    public ReadOnlySpan<byte> Value => _value.WrittenSpan;

    /// <summary>Produces the next record; false when all <see cref="TotalCount"/> records have been produced or the stream has no more.</summary>
    public bool MoveNext()
    {
        if (Statistics.Records >= TotalCount || !HasMore)
        {
            return false;
        }

        _value.ResetWrittenCount();
        _writer.Reset(_value);
        _hasKey = false;
        _keyLength = 0;
        var record = WriteNext(_writer);
        _writer.Flush();
        Topic = record.Topic;
        Statistics.Count(record.Topic, record.IsFraud, record.IsDuplicate);
        return true;
    }

    /// <summary>False when the stream has nothing more to write before <see cref="TotalCount"/> (a simulation that ended).</summary>
    private protected virtual bool HasMore => true;

    /// <summary>Writes the next record (one JSON object) and sets its key; the base class counts it.</summary>
    private protected abstract WrittenRecord WriteNext(Utf8JsonWriter writer);

    /// <summary>Sets the current key to the decimal form of <paramref name="key"/>.</summary>
    private protected void SetKey(long key)
    {
        Utf8Formatter.TryFormat(key, _key, out _keyLength);
        _hasKey = true;
    }

    /// <summary>Sets the current key to <paramref name="key"/> as UTF-8.</summary>
    private protected void SetKey(string key)
    {
        _keyLength = Encoding.UTF8.GetBytes(key, _key);
        _hasKey = true;
    }

    /// <summary>The topic and ground-truth label of a written record, and whether it re-sends the record before it.</summary>
    private protected readonly record struct WrittenRecord(string Topic, bool IsFraud = false, bool IsDuplicate = false);
}
