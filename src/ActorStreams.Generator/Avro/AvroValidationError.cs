namespace ActorStreams.Generator.Avro;

/// <summary>One way a JSON value does not conform to a schema.</summary>
/// <param name="Path">Where: the root name, then <c>.field</c>, <c>[index]</c> and <c>["key"]</c> steps, e.g. <c>transactions.amount</c>.</param>
/// <param name="Message">What, e.g. <c>expected double, got string</c>.</param>
public readonly record struct AvroValidationError(string Path, string Message)
{
    /// <summary><c>path: message</c>, e.g. <c>transactions.amount: expected double, got string</c>.</summary>
    public override string ToString() => $"{Path}: {Message}";
}
