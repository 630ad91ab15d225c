namespace ActorStreams.Lake;

/// <summary>
/// The lake cannot take a record or an object: a record lacks a required field or has one of the wrong type, a key
/// breaks the layout, or a schema uses a type the lake does not map. The message names the dataset and the field.
/// </summary>
public sealed class LakeException : ActorStreamsException
{
    /// <summary>Creates the exception with a message that says what is wrong and where.</summary>
    public LakeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public LakeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
