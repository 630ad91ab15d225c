using ActorStreams.Generator.Avro;

namespace ActorStreams.Generator.Internal;

/// <summary>
/// How shallow a value of each schema can be: 0 for primitives, 1 for an empty array or map, a
/// record one more than its deepest field, a union its shallowest branch. A record that needs
/// itself through required fields only has no finite value: the generator refuses it, naming the field.
/// </summary>
internal sealed class SchemaTermination
{
    private const int Infinite = int.MaxValue;
    private readonly Dictionary<AvroSchema, int> _heights = new(ReferenceEqualityComparer.Instance);
    private readonly List<AvroRecordSchema> _records = [];

    public SchemaTermination(AvroRecordSchema root)
    {
        Collect(root, new HashSet<AvroSchema>(ReferenceEqualityComparer.Instance));

        // Fixed point: records start unknown (infinite) and get finite heights as their fields do.
        foreach (var record in _records)
        {
            _heights[record] = Infinite;
        }

        bool changed;
        do
        {
            changed = false;
            foreach (var record in _records)
            {
                var height = RecordHeight(record);
                if (height < _heights[record])
                {
                    _heights[record] = height;
                    changed = true;
                }
            }
        }
        while (changed);

        foreach (var record in _records)
        {
            if (_heights[record] == Infinite)
            {
                var field = record.Fields.First(f => Height(f.Schema) == Infinite);
                throw new AvroSchemaException(
                    $"field {record.Name}.{field.Name}: unsupported: record {record.FullName} needs itself through this field ({field.Schema}) with no way to end the recursion, so no finite value exists; make the field optional ([\"null\", ...]), an array or a map");
            }
        }
    }

    /// <summary>The shallowest depth a value of <paramref name="schema"/> can have.</summary>
    public int Height(AvroSchema schema) => schema switch
    {
        AvroRecordSchema => _heights[schema],
        AvroArraySchema or AvroMapSchema => 1,
        AvroUnionSchema union => union.Branches.Min(Height),
        _ => 0,
    };

    private int RecordHeight(AvroRecordSchema record)
    {
        var height = 0;
        foreach (var field in record.Fields)
        {
            var fieldHeight = Height(field.Schema);
            if (fieldHeight == Infinite)
            {
                return Infinite;
            }

            height = Math.Max(height, fieldHeight);
        }

        return height + 1;
    }

    private void Collect(AvroSchema schema, HashSet<AvroSchema> seen)
    {
        if (!seen.Add(schema))
        {
            return;
        }

        switch (schema)
        {
            case AvroRecordSchema record:
                _records.Add(record);
                foreach (var field in record.Fields)
                {
                    Collect(field.Schema, seen);
                }

                break;
            case AvroArraySchema array:
                Collect(array.Items, seen);
                break;
            case AvroMapSchema map:
                Collect(map.Values, seen);
                break;
            case AvroUnionSchema union:
                foreach (var branch in union.Branches)
                {
                    Collect(branch, seen);
                }

                break;
        }
    }
}
