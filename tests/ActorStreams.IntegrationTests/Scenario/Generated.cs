using System.Text.Json.Nodes;
using ActorStreams.Generator;

namespace ActorStreams.IntegrationTests.Scenario;

/// <summary>Materialises generator datasets (the product's <see cref="DataGenerator"/>, simulated time, seeded).</summary>
public static class Generated
{
    /// <summary>Every record of <paramref name="dataset"/>.</summary>
    public static List<PlannedRecord> Records(string dataset, GeneratorSettings settings, long? count = null)
    {
        var stream = DataGenerator.Open(dataset, settings, TimeProvider.System, count);
        var records = new List<PlannedRecord>();
        while (stream.MoveNext())
        {
            records.Add(new PlannedRecord(stream.Topic, stream.HasKey ? stream.Key.ToArray() : null, stream.Value.ToArray()));
        }

        return records;
    }

    /// <summary>
    /// Generated transactions, each stamped with its nominal production instant (start + i · spacing, the generator's
    /// simulated clock) so that hand-made records can be interleaved by time.
    /// </summary>
    public static List<Timed> Transactions(GeneratorSettings settings, long count)
    {
        var start = settings.Start ?? throw new ArgumentException("a fixed start is needed for simulated time", nameof(settings));
        var spacing = TimeSpan.FromTicks(Math.Max(1, settings.MeanCustomerInterval.Ticks / settings.Customers));
        return [.. Records(GeneratorDatasets.Transactions, settings, count).Select((r, i) => new Timed(start + (i * spacing), r))];
    }

    /// <summary>Interleaves time-stamped records by production instant; ties keep <paramref name="first"/> first, and each list keeps its order.</summary>
    public static List<PlannedRecord> Merge(IReadOnlyList<Timed> first, IReadOnlyList<Timed> second)
    {
        var ordered = second.Select((t, i) => (t, i)).OrderBy(x => x.t.ProduceAt).ThenBy(x => x.i).Select(x => x.t).ToList();
        var result = new List<PlannedRecord>(first.Count + ordered.Count);
        var j = 0;
        foreach (var item in first)
        {
            while (j < ordered.Count && ordered[j].ProduceAt < item.ProduceAt)
            {
                result.Add(ordered[j++].Record);
            }

            result.Add(item.Record);
        }

        result.AddRange(ordered.Skip(j).Select(t => t.Record));
        return result;
    }

    /// <summary>A copy of a JSON record with some fields changed.</summary>
    public static PlannedRecord With(PlannedRecord record, Action<JsonObject> change)
    {
        var json = JsonNode.Parse(record.Value ?? throw new ArgumentException("a tombstone has no fields", nameof(record)))!.AsObject();
        change(json);
        return record with { Value = System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()) };
    }
}
