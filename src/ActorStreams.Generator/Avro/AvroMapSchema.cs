namespace ActorStreams.Generator.Avro;

/// <summary>A <c>map</c> schema: a JSON object with string keys whose values all match <see cref="Values"/>.</summary>
public sealed class AvroMapSchema : AvroSchema
{
    internal AvroMapSchema(AvroSchema values)
        : base(AvroType.Map, null)
    {
        Values = values;
    }

    /// <summary>The schema of every value.</summary>
    public AvroSchema Values { get; }

    /// <inheritdoc />
    public override string ToString() => $"map<{AvroArraySchema.Short(Values)}>";
}
