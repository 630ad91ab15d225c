using System.Net;
using System.Text;
using System.Text.Json;
using ActorStreams.Cli.Inspection;

namespace ActorStreams.Cli.Tests.Inspection;

/// <summary>An admin API answering canned JSON by path; paths not set answer 404 with an API-style error.</summary>
internal sealed class FakeAdminApi(NodeAddress address) : IAdminApi
{
    private readonly Dictionary<string, Func<JsonElement?>> _answers = new(StringComparer.Ordinal);

    public NodeAddress Address { get; } = address;

    public List<string> Requests { get; } = [];

    /// <summary>The body of <c>GET /api/events</c>.</summary>
    public string? EventStream { get; set; }

    public bool Disposed { get; private set; }

    public FakeAdminApi Answer(string path, string json)
    {
        _answers[path] = () => JsonDocument.Parse(json).RootElement.Clone();
        return this;
    }

    public FakeAdminApi AnswerEmpty(string path)
    {
        _answers[path] = () => null;
        return this;
    }

    public FakeAdminApi Fail(string path, AdminApiException failure)
    {
        _answers[path] = () => throw failure;
        return this;
    }

    public async Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) =>
        await PostAsync(path, cancellationToken) ?? throw new AdminApiException("no body");

    public Task<JsonElement?> PostAsync(string path, CancellationToken cancellationToken)
    {
        Requests.Add(path);
        return _answers.TryGetValue(path, out var answer)
            ? Task.FromResult(answer())
            : throw new AdminApiException($"no route {path}", HttpStatusCode.NotFound);
    }

    public Task<Stream> OpenStreamAsync(string path, CancellationToken cancellationToken)
    {
        Requests.Add(path);
        return EventStream is { } text
            ? Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(text)))
            : throw new AdminApiException($"no route {path}", HttpStatusCode.NotFound);
    }

    public void Dispose() => Disposed = true;
}
