using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Elasticsearch;

/// <summary>
/// The index templates of <c>schemas/elasticsearch/&lt;output&gt;.json</c> (embedded), installed as
/// <c>actorstreams-&lt;output&gt;</c> with <c>index_patterns</c> set to the configured index, when the cluster lacks them.
/// </summary>
public sealed partial class IndexTemplates
{
    private const string ResourcePrefix = "ActorStreams.Elasticsearch.templates.";

    private readonly ElasticsearchClient _client;
    private readonly ILogger _logger;

    /// <summary>Creates the installer for <paramref name="client"/>'s cluster.</summary>
    public IndexTemplates(ElasticsearchClient client, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _logger = logger;
    }

    /// <summary>The outputs a template ships for (logical topic names).</summary>
    public static IReadOnlyList<string> Shipped { get; } =
        [.. typeof(IndexTemplates).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^".json".Length])
            .Order(StringComparer.Ordinal)];

    /// <summary>The template name of an output.</summary>
    public static string NameOf(string output) => "actorstreams-" + output;

    /// <summary>The template body for <paramref name="output"/>'s index <paramref name="index"/>, or null when none ships.</summary>
    public static JsonObject? Body(string output, string index)
    {
        using var stream = typeof(IndexTemplates).Assembly.GetManifestResourceStream(ResourcePrefix + output + ".json");
        if (stream is null)
        {
            return null;
        }

        var body = JsonNode.Parse(stream)!.AsObject();
        body["index_patterns"] = new JsonArray(index);
        return body;
    }

    /// <summary>Installs every missing template of <paramref name="outputs"/>; one that exists is left as it is.</summary>
    /// <exception cref="ElasticsearchSinkException">The cluster cannot be reached or rejected a template (the message names it and quotes the cluster's error).</exception>
    public async Task InstallAsync(IReadOnlyDictionary<string, OutputIndex> outputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        foreach (var (output, target) in outputs.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            var body = Body(output, target.Index);
            if (body is null)
            {
                LogNoTemplate(_logger, output, target.Index);
                continue;
            }

            var name = NameOf(output);
            var path = "/_index_template/" + name;
            var head = await RequestAsync(Elastic.Transport.HttpMethod.HEAD, path, null, cancellationToken).ConfigureAwait(false);
            if (head.ApiCallDetails.HttpStatusCode == 200)
            {
                LogPresent(_logger, name);
                continue;
            }

            if (head.ApiCallDetails.HttpStatusCode != 404)
            {
                throw new ElasticsearchSinkException($"cannot check index template {name} at {_client.ElasticsearchClientSettings.NodePool.Nodes.First().Uri}: {Failure(head)}");
            }

            var put = await RequestAsync(Elastic.Transport.HttpMethod.PUT, path, body.ToJsonString(), cancellationToken).ConfigureAwait(false);
            if (put.ApiCallDetails.HttpStatusCode is not (>= 200 and < 300))
            {
                throw new ElasticsearchSinkException(
                    $"Elasticsearch rejected index template {name} (schemas/elasticsearch/{output}.json, for index {target.Index}): {Failure(put)}");
            }

            LogInstalled(_logger, name, target.Index);
        }
    }

    private static string Failure(BytesResponse response) =>
        response.ApiCallDetails.HttpStatusCode is { } status
            ? $"{status} {BulkAnswer.ErrorText(response.Body)}"
            : response.ApiCallDetails.OriginalException?.Message ?? "no answer";

    private async Task<BytesResponse> RequestAsync(Elastic.Transport.HttpMethod method, string path, string? body, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.Transport.RequestAsync<BytesResponse>(
                new EndpointPath(method, path), body is null ? null : PostData.String(body), null, null, cancellationToken).ConfigureAwait(false);
        }
        catch (TransportException ex)
        {
            throw new ElasticsearchSinkException($"cannot reach Elasticsearch at {_client.ElasticsearchClientSettings.NodePool.Nodes.First().Uri}: {ex.Message}", ex);
        }
    }

    [LoggerMessage(EventId = 8010, Level = LogLevel.Information, Message = "installed Elasticsearch index template {Name} for index {Index}")]
    private static partial void LogInstalled(ILogger logger, string name, string index);

    [LoggerMessage(EventId = 8011, Level = LogLevel.Debug, Message = "Elasticsearch index template {Name} is present; left as it is")]
    private static partial void LogPresent(ILogger logger, string name);

    [LoggerMessage(EventId = 8012, Level = LogLevel.Warning, Message = "no index template ships for output {Output}: index {Index} gets dynamic mappings")]
    private static partial void LogNoTemplate(ILogger logger, string output, string index);
}
