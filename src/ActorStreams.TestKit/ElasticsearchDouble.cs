using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorStreams.TestKit;

/// <summary>
/// An in-process stand-in for an Elasticsearch node, for tests that run the official client (no Elasticsearch server
/// can be installed where the tests run). It speaks the parts of the REST API the client and the Elasticsearch sink use,
/// with the status codes and bodies of the REST API specification:
/// <list type="bullet">
/// <item>every response carries <c>X-Elastic-Product: Elasticsearch</c>, without which the official client refuses the
/// node; gzip-encoded request bodies are accepted; <c>GET /</c> answers the cluster info;</item>
/// <item><c>POST /_bulk</c> and <c>/{index}/_bulk</c> (NDJSON): <c>index</c> (201 <c>created</c> or 200
/// <c>updated</c> with the version incremented; an id is generated when absent), <c>create</c> (409
/// <c>version_conflict_engine_exception</c> when the id exists), <c>delete</c> (200 <c>deleted</c>, or 404
/// <c>not_found</c> without an error); an empty <c>_id</c> gives the item 400 <c>illegal_argument_exception</c>, a
/// missing index 400 <c>action_request_validation_exception</c>, an unsupported action
/// <c>illegal_argument_exception</c>; the response has <c>errors: true</c> when any item carries an error;</item>
/// <item><c>PUT</c>, <c>GET</c> and <c>HEAD /_index_template/{name}</c> (a template without <c>index_patterns</c> is
/// refused with 400 <c>action_request_validation_exception</c>; a missing one is 404
/// <c>resource_not_found_exception</c>);</item>
/// <item><c>GET|POST /{index}/_count</c>, <c>GET /{index}/_doc/{id}</c> (404 with <c>found: false</c> when absent),
/// <c>POST /_refresh</c> and <c>/{index}/_refresh</c> (documents are visible at once; refresh only answers).</item>
/// </list>
/// Faults are injectable: whole bulk requests answered with a status (429, 5xx) a number of times, per-item rejections
/// chosen by a predicate, and a delay before every response. Documents live in memory; search, mappings and
/// <c>update</c> actions are not reproduced.
/// </summary>
public sealed class ElasticsearchDouble : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, StoredDocument>> _indices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _templates = new(StringComparer.Ordinal);
    private readonly Queue<int> _bulkFailures = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _serving;
    private Func<string, string, ItemRejection?>? _rejectItem;
    private Func<string, ItemRejection?>? _rejectTemplate;
    private long _seqNo;
    private long _generatedIds;
    private int _bulkRequests;
    private int _refusedBulkRequests;
    private int? _failingWith;

    /// <summary>Starts the double on a free port of the loopback interface.</summary>
    public ElasticsearchDouble()
    {
        var port = FreePorts.Next();
        Url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The node's address.</summary>
    public Uri Url { get; }

    /// <summary>How long the double waits before answering any request (a slow node).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Bulk requests received, refused ones included.</summary>
    public int BulkRequests => Volatile.Read(ref _bulkRequests);

    /// <summary>Answers the next <paramref name="times"/> bulk requests with <paramref name="status"/> (e.g. 429, 503), indexing nothing.</summary>
    public void FailNextBulks(int status, int times = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 400);
        lock (_lock)
        {
            for (var i = 0; i < times; i++)
            {
                _bulkFailures.Enqueue(status);
            }
        }
    }

    /// <summary>
    /// While set (not null), every bulk request is refused as a whole with this status (e.g. 503: the cluster is down);
    /// null lets requests through again.
    /// </summary>
    public int? FailingWith
    {
        get
        {
            lock (_lock)
            {
                return _failingWith;
            }
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value ?? 500, 400);
            lock (_lock)
            {
                _failingWith = value;
            }
        }
    }

    /// <summary>Bulk requests refused so far (injected failures, one-off or while <see cref="FailingWith"/> was set).</summary>
    public int RefusedBulkRequests => Volatile.Read(ref _refusedBulkRequests);

    /// <summary>Rejects the bulk items for which <paramref name="reject"/> (index, id) returns a rejection; null clears it.</summary>
    public void RejectItems(Func<string, string, ItemRejection?>? reject)
    {
        lock (_lock)
        {
            _rejectItem = reject;
        }
    }

    /// <summary>Refuses <c>PUT /_index_template/{name}</c> for the names <paramref name="reject"/> returns a rejection for (as a cluster refuses a bad mapping); null clears it.</summary>
    public void RejectTemplates(Func<string, ItemRejection?>? reject)
    {
        lock (_lock)
        {
            _rejectTemplate = reject;
        }
    }

    /// <summary>The index template stored under <paramref name="name"/> as JSON text, or null.</summary>
    public string? Template(string name)
    {
        lock (_lock)
        {
            return _templates.TryGetValue(name, out var template) ? template.ToJsonString() : null;
        }
    }

    /// <summary>The documents of <paramref name="index"/> by id, with their source as JSON text.</summary>
    public IReadOnlyDictionary<string, string> Documents(string index)
    {
        lock (_lock)
        {
            return _indices.TryGetValue(index, out var documents)
                ? documents.ToDictionary(d => d.Key, d => d.Value.Source, StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal);
        }
    }

    /// <summary>The index templates stored, by name.</summary>
    public IReadOnlyCollection<string> TemplateNames
    {
        get
        {
            lock (_lock)
            {
                return [.. _templates.Keys];
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        _listener.Close();
        try
        {
            await _serving.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }


    private async Task ServeAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, _stopping.Token).ConfigureAwait(false);
            }

            // The official client compresses request bodies (http compression is on by default), as Elasticsearch accepts.
            var input = context.Request.Headers["Content-Encoding"] is { } encoding && encoding.Contains("gzip", StringComparison.OrdinalIgnoreCase)
                ? new GZipStream(context.Request.InputStream, CompressionMode.Decompress)
                : context.Request.InputStream;
            string body;
            using (var reader = new StreamReader(input, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync().ConfigureAwait(false);
            }

            var (status, json) = Route(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, body);
            response.StatusCode = status;
            response.Headers["X-Elastic-Product"] = "Elasticsearch";
            response.ContentType = "application/json";
            if (context.Request.HttpMethod != "HEAD" && json is not null)
            {
                var bytes = Encoding.UTF8.GetBytes(json.ToJsonString());
                response.ContentLength64 = bytes.Length;
                await response.OutputStream.WriteAsync(bytes, _stopping.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException or IOException)
        {
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
            }
        }
    }

    private (int Status, JsonNode? Body) Route(string method, string path, string body)
    {
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        switch (parts)
        {
            case [] when method == "GET":
                return (200, Info());
            case ["_bulk"] when method is "POST" or "PUT":
                return Bulk(null, body);
            case [var index, "_bulk"] when method is "POST" or "PUT":
                return Bulk(index, body);
            case ["_index_template", var name]:
                return Template(method, name, body);
            case [var index, "_count"] when method is "GET" or "POST":
                return (200, new JsonObject { ["count"] = Count(index), ["_shards"] = Shards(1) });
            case [var index, "_doc", var id] when method == "GET":
                return GetDocument(index, id);
            case ["_refresh"] or [_, "_refresh"] when method is "POST" or "GET":
                return (200, new JsonObject { ["_shards"] = Shards(1) });
            default:
                return (400, Error("illegal_argument_exception", $"the Elasticsearch double does not serve {method} {path}", 400));
        }
    }

    private static JsonObject Info() => new()
    {
        ["name"] = "elasticsearch-double",
        ["cluster_name"] = "actorstreams-tests",
        ["cluster_uuid"] = "double",
        ["version"] = new JsonObject
        {
            ["number"] = "9.0.0",
            ["build_flavor"] = "default",
            ["lucene_version"] = "10.0.0",
            ["minimum_wire_compatibility_version"] = "8.18.0",
            ["minimum_index_compatibility_version"] = "8.0.0",
        },
        ["tagline"] = "You Know, for Search",
    };

    private (int Status, JsonNode? Body) Bulk(string? pathIndex, string body)
    {
        Interlocked.Increment(ref _bulkRequests);
        lock (_lock)
        {
            if (_bulkFailures.TryDequeue(out var failure) || _failingWith is { } failing && (failure = failing) > 0)
            {
                Interlocked.Increment(ref _refusedBulkRequests);
                var type = failure == 429 ? "es_rejected_execution_exception" : "unavailable_shards_exception";
                return (failure, Error(type, $"injected failure {failure}", failure));
            }
        }

        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var items = new JsonArray();
        var errors = false;
        for (var i = 0; i < lines.Length; i++)
        {
            JsonObject action;
            try
            {
                action = JsonNode.Parse(lines[i]) as JsonObject ?? throw new JsonException("not an object");
            }
            catch (JsonException ex)
            {
                return (400, Error("x_content_parse_exception", $"line {i + 1}: {ex.Message}", 400));
            }

            if (action.Count != 1)
            {
                return (400, Error("illegal_argument_exception", $"line {i + 1}: an action must have exactly one key", 400));
            }

            var (operation, metadataNode) = action.First();
            var metadata = metadataNode as JsonObject ?? [];
            string? source = null;
            if (operation is "index" or "create" or "update")
            {
                if (++i >= lines.Length)
                {
                    return (400, Error("illegal_argument_exception", $"the {operation} action on line {i} has no source line", 400));
                }

                source = lines[i];
            }

            var item = Apply(operation, metadata, pathIndex, source);
            errors |= item["error"] is not null;
            items.Add(new JsonObject { [operation] = item });
        }

        return (200, new JsonObject { ["errors"] = errors, ["took"] = 1, ["items"] = items });
    }

    private JsonObject Apply(string operation, JsonObject metadata, string? pathIndex, string? source)
    {
        var index = metadata["_index"]?.GetValue<string>() ?? pathIndex;
        var id = metadata["_id"]?.GetValue<string>();
        if (index is null)
        {
            return ItemError(string.Empty, id, 400, "action_request_validation_exception", "Validation Failed: 1: index is missing;");
        }

        if (id is { Length: 0 })
        {
            return ItemError(index, id, 400, "illegal_argument_exception", "if _id is specified it must not be empty");
        }

        if (operation is not ("index" or "create" or "delete"))
        {
            return ItemError(index, id, 400, "illegal_argument_exception", $"the Elasticsearch double does not support the {operation} action");
        }

        if (id is null && operation == "delete")
        {
            return ItemError(index, id, 400, "action_request_validation_exception", "Validation Failed: 1: id is missing;");
        }

        lock (_lock)
        {
            id ??= $"generated-{++_generatedIds:D12}";
            if (_rejectItem?.Invoke(index, id) is { } rejection)
            {
                return ItemError(index, id, rejection.Status, rejection.Type, rejection.Reason);
            }

            if (source is not null)
            {
                try
                {
                    _ = JsonNode.Parse(source) as JsonObject ?? throw new JsonException("the source is not a JSON object");
                }
                catch (JsonException ex)
                {
                    return ItemError(index, id, 400, "document_parsing_exception", $"failed to parse: {ex.Message}");
                }
            }

            if (!_indices.TryGetValue(index, out var documents))
            {
                documents = new Dictionary<string, StoredDocument>(StringComparer.Ordinal);
                _indices[index] = documents;
            }

            var exists = documents.TryGetValue(id, out var current);
            switch (operation)
            {
                case "create" when exists:
                    return ItemError(index, id, 409, "version_conflict_engine_exception",
                        $"[{id}]: version conflict, document already exists (current version [{current!.Version}])");
                case "delete" when !exists:
                    return Item(index, id, version: 1, "not_found", 404);
                case "delete":
                    documents.Remove(id);
                    return Item(index, id, current!.Version + 1, "deleted", 200);
                default:
                    var version = exists ? current!.Version + 1 : 1;
                    documents[id] = new StoredDocument(version, ++_seqNo, source!);
                    return Item(index, id, version, exists ? "updated" : "created", exists ? 200 : 201);
            }
        }
    }

    private JsonObject Item(string index, string id, long version, string result, int status) => new()
    {
        ["_index"] = index,
        ["_id"] = id,
        ["_version"] = version,
        ["result"] = result,
        ["_shards"] = Shards(2),
        ["_seq_no"] = _seqNo,
        ["_primary_term"] = 1,
        ["status"] = status,
    };

    private static JsonObject ItemError(string index, string? id, int status, string type, string reason) => new()
    {
        ["_index"] = index,
        ["_id"] = id,
        ["status"] = status,
        ["error"] = new JsonObject { ["type"] = type, ["reason"] = reason },
    };

    private (int Status, JsonNode? Body) Template(string method, string name, string body)
    {
        lock (_lock)
        {
            switch (method)
            {
                case "PUT" or "POST":
                    JsonObject? template;
                    try
                    {
                        template = JsonNode.Parse(body) as JsonObject;
                    }
                    catch (JsonException ex)
                    {
                        return (400, Error("x_content_parse_exception", ex.Message, 400));
                    }

                    if (template?["index_patterns"] is not (JsonArray { Count: > 0 } or JsonValue))
                    {
                        return (400, Error("action_request_validation_exception", "Validation Failed: 1: index patterns are missing;", 400));
                    }

                    if (_rejectTemplate?.Invoke(name) is { } rejection)
                    {
                        return (rejection.Status, Error(rejection.Type, rejection.Reason, rejection.Status));
                    }

                    _templates[name] = template;
                    return (200, new JsonObject { ["acknowledged"] = true });
                case "HEAD":
                    return (_templates.ContainsKey(name) ? 200 : 404, null);
                case "GET" when _templates.TryGetValue(name, out var stored):
                    return (200, new JsonObject
                    {
                        ["index_templates"] = new JsonArray(new JsonObject { ["name"] = name, ["index_template"] = stored.DeepClone() }),
                    });
                case "GET":
                    return (404, Error("resource_not_found_exception", $"index template matching [{name}] not found", 404));
                default:
                    return (405, Error("illegal_argument_exception", $"{method} is not allowed on _index_template", 405));
            }
        }
    }

    private long Count(string index)
    {
        lock (_lock)
        {
            return _indices.TryGetValue(index, out var documents) ? documents.Count : 0;
        }
    }

    private (int Status, JsonNode? Body) GetDocument(string index, string id)
    {
        lock (_lock)
        {
            if (_indices.TryGetValue(index, out var documents) && documents.TryGetValue(id, out var document))
            {
                return (200, new JsonObject
                {
                    ["_index"] = index,
                    ["_id"] = id,
                    ["_version"] = document.Version,
                    ["_seq_no"] = document.SeqNo,
                    ["_primary_term"] = 1,
                    ["found"] = true,
                    ["_source"] = JsonNode.Parse(document.Source),
                });
            }

            return (404, new JsonObject { ["_index"] = index, ["_id"] = id, ["found"] = false });
        }
    }

    private static JsonObject Shards(int total) => new() { ["total"] = total, ["successful"] = 1, ["failed"] = 0 };

    private static JsonObject Error(string type, string reason, int status) => new()
    {
        ["error"] = new JsonObject
        {
            ["root_cause"] = new JsonArray(new JsonObject { ["type"] = type, ["reason"] = reason }),
            ["type"] = type,
            ["reason"] = reason,
        },
        ["status"] = status,
    };

    private sealed record StoredDocument(long Version, long SeqNo, string Source);
}

/// <summary>A per-item bulk failure the <see cref="ElasticsearchDouble"/> answers (e.g. 429 <c>es_rejected_execution_exception</c>, 400 <c>document_parsing_exception</c>).</summary>
/// <param name="Status">The item's status.</param>
/// <param name="Type">The error type.</param>
/// <param name="Reason">The error reason.</param>
public sealed record ItemRejection(int Status, string Type, string Reason);
