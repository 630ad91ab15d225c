namespace ActorStreams.Generator.Avro;

/// <summary>
/// A union: a value of any one of <see cref="Branches"/>. Records on the topics are plain JSON, so a
/// union value is the bare value of its branch (not Avro's <c>{"type": value}</c> wrapper); an optional
/// field is <c>["null", T]</c> with <c>"default": null</c>.
/// </summary>
public sealed class AvroUnionSchema : AvroSchema
{
    internal AvroUnionSchema(IReadOnlyList<AvroSchema> branches)
        : base(AvroType.Union, null)
    {
        Branches = branches;
    }

    /// <summary>The branches in declaration order (never a nested union, no two of the same unnamed type).</summary>
    public IReadOnlyList<AvroSchema> Branches { get; }

    /// <summary>True when one branch is <c>null</c>, i.e. the value is optional.</summary>
    public bool IsNullable => Branches.Any(b => b.Type == AvroType.Null);

    /// <inheritdoc />
    public override string ToString() => $"union [{string.Join(", ", Branches.Select(AvroArraySchema.Short))}]";
}
