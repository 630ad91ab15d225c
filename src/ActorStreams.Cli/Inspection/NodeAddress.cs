using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ActorStreams.Cli.Inspection;

/// <summary>Where a node's admin API listens: parsed from <c>host:port</c>, <c>host</c> or <c>http(s)://host:port</c>.</summary>
internal sealed record NodeAddress
{
    /// <summary>The admin API's default port (<c>actorstreams.http.port</c>).</summary>
    public const int DefaultPort = 9110;

    private NodeAddress(Uri baseUri) => BaseUri = baseUri;

    /// <summary>The default node: this host, the default port.</summary>
    public static NodeAddress Local { get; } = new(new Uri($"http://127.0.0.1:{DefaultPort.ToString(CultureInfo.InvariantCulture)}/"));

    /// <summary>The API's root, ending with a slash.</summary>
    public Uri BaseUri { get; }

    /// <summary>Parses a <c>--node</c> value or a membership record's <c>http_endpoint</c>; a missing port is the default one.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out NodeAddress? address)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var value = text.Trim();
        var hasScheme = value.Contains("://", StringComparison.Ordinal);
        if (!Uri.TryCreate(hasScheme ? value : "http://" + value, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || string.IsNullOrEmpty(uri.Host)
            || uri.AbsolutePath != "/"
            || !string.IsNullOrEmpty(uri.Query)
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        // Uri fills in 80/443 when no port is written; an admin API without a port is on the default one.
        var explicitPort = HasExplicitPort(value, hasScheme);
        var port = explicitPort ? uri.Port : DefaultPort;
        var host = uri.Host;
        // A node bound to every interface advertises the wildcard address; it is reachable on loopback.
        if (host is "0.0.0.0" or "[::]")
        {
            host = host == "0.0.0.0" ? "127.0.0.1" : "[::1]";
        }

        address = new NodeAddress(new UriBuilder(uri.Scheme, host, port, "/").Uri);
        return true;
    }

    /// <summary>Parses a <c>--node</c> value.</summary>
    /// <exception cref="UsageException">The value is not an address.</exception>
    public static NodeAddress Parse(string text) =>
        TryParse(text, out var address)
            ? address
            : throw new UsageException($"--node must be host:port or http://host:port, got \"{text}\"");

    /// <summary><c>host:port</c>, with the scheme only when it is not plain http: how messages name the node.</summary>
    public override string ToString()
    {
        var hostPort = $"{BaseUri.Host}:{BaseUri.Port.ToString(CultureInfo.InvariantCulture)}";
        return BaseUri.Scheme == "http" ? hostPort : $"{BaseUri.Scheme}://{hostPort}";
    }

    private static bool HasExplicitPort(string value, bool hasScheme)
    {
        var authority = hasScheme ? value[(value.IndexOf("://", StringComparison.Ordinal) + 3)..] : value;
        var slash = authority.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            authority = authority[..slash];
        }

        // An IPv6 literal's colons are inside the brackets.
        var bracket = authority.LastIndexOf(']');
        return authority.IndexOf(':', bracket + 1) >= 0;
    }
}
