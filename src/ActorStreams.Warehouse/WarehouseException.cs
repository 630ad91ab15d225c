namespace ActorStreams.Warehouse;

/// <summary>The warehouse cannot do what was asked: the lake is missing, a file cannot be read, the database cannot be opened.</summary>
public sealed class WarehouseException : ActorStreamsException
{
    /// <summary>Creates the exception with the message shown to the user.</summary>
    public WarehouseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public WarehouseException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
