namespace ActorStreams.Elasticsearch;

/// <summary>The Elasticsearch sink cannot go on: the cluster is unreachable at start, rejected a template, or answered nonsense.</summary>
public sealed class ElasticsearchSinkException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ElasticsearchSinkException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ElasticsearchSinkException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
