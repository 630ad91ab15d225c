namespace ActorStreams.Generator.Avro;

/// <summary>A schema document that is not valid Avro, or a schema construct the generator cannot produce values for; the message says where.</summary>
public sealed class AvroSchemaException : ActorStreamsException
{
    /// <summary>Creates the exception.</summary>
    public AvroSchemaException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public AvroSchemaException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
