using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace ActorStreams.Persistence.Internal;

/// <summary>
/// Turns the store URI forms of PostgreSQL into Npgsql connection strings:
/// <c>postgres[ql]://[user[:password]@]host[:port][,host2[:port2]…][/database][?key=value&amp;…]</c> (libpq's URI form;
/// user, password and database percent-decoded; keys are libpq's — sslmode, application_name, connect_timeout,
/// options, target_session_attrs, sslrootcert, sslcert, sslkey, sslpassword, host, port, user, password, dbname —
/// or any Npgsql keyword), or <c>postgres:&lt;Npgsql connection string&gt;</c>.
/// </summary>
internal static partial class PostgresUri
{
    private const int DefaultPort = 5432;

    private static readonly Dictionary<string, string> LibpqKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["options"] = "Options",
        ["target_session_attrs"] = "Target Session Attributes",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["sslpassword"] = "SSL Password",
        ["host"] = "Host",
        ["port"] = "Port",
        ["user"] = "Username",
        ["password"] = "Password",
        ["dbname"] = "Database",
    };

    /// <summary>True when <paramref name="uri"/> names PostgreSQL (either form); says nothing about its validity.</summary>
    public static bool IsPostgres(string uri) =>
        uri.StartsWith("postgres:", StringComparison.OrdinalIgnoreCase) || uri.StartsWith("postgresql:", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Npgsql connection string for <paramref name="uri"/>.</summary>
    /// <exception cref="FormatException">The URI is malformed; the message says how.</exception>
    public static NpgsqlConnectionStringBuilder Parse(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var colon = uri.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !IsPostgres(uri))
        {
            throw new FormatException("not a PostgreSQL store URI (postgres://user[:password]@host[:port]/database)");
        }

        var rest = uri[(colon + 1)..];
        if (!rest.StartsWith("//", StringComparison.Ordinal))
        {
            try
            {
                return new NpgsqlConnectionStringBuilder(rest);
            }
            catch (ArgumentException ex)
            {
                throw new FormatException($"not a valid Npgsql connection string after postgres: ({ex.Message})", ex);
            }
        }

        return ParseUrl(rest[2..]);
    }

    /// <summary><paramref name="builder"/> as a URI without its password, for logs and the CLI.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder)
    {
        var user = string.IsNullOrEmpty(builder.Username) ? "" : $"{builder.Username}@";
        var host = builder.Host ?? "localhost";
        var port = host.Contains(',', StringComparison.Ordinal) || host.StartsWith('/') ? "" : $":{builder.Port}";
        return $"postgres://{user}{host}{port}/{builder.Database ?? builder.Username ?? ""}";
    }

    private static NpgsqlConnectionStringBuilder ParseUrl(string rest)
    {
        var builder = new NpgsqlConnectionStringBuilder();
        string? query = null;
        if (rest.IndexOf('?', StringComparison.Ordinal) is var q and >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? rest : rest[..slash];
        if (slash >= 0 && rest.Length > slash + 1)
        {
            builder.Database = Uri.UnescapeDataString(rest[(slash + 1)..]);
        }

        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            authority = authority[(at + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            var user = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
            if (user.Length > 0)
            {
                builder.Username = user;
            }

            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
            }
        }

        if (authority.Length > 0)
        {
            var hosts = authority.Split(',').Select(h => ParseHost(h)).ToList();
            if (hosts.Count == 1)
            {
                builder.Host = hosts[0].Host;
                builder.Port = hosts[0].Port;
            }
            else
            {
                builder.Host = string.Join(',', hosts.Select(h => $"{h.Host}:{h.Port}"));
            }
        }

        if (query is { Length: > 0 })
        {
            foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
                var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
                try
                {
                    builder[LibpqKeys.GetValueOrDefault(key, key)] = value;
                }
                catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
                {
                    throw new FormatException($"query parameter \"{key}\" is not a libpq or Npgsql connection setting or has a bad value ({ex.Message})", ex);
                }
            }
        }

        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new FormatException("no host (postgres://user[:password]@host[:port]/database)");
        }

        return builder;
    }

    private static (string Host, int Port) ParseHost(string text)
    {
        string host;
        string? port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException($"unclosed [ in host \"{text}\"");
            }

            host = text[1..close];
            if (text.Length > close + 1)
            {
                port = text[(close + 1)..].StartsWith(':') ? text[(close + 2)..] : throw new FormatException($"bad host \"{text}\"");
            }
        }
        else
        {
            var colon = text.LastIndexOf(':');
            host = colon < 0 ? text : text[..colon];
            port = colon < 0 ? null : text[(colon + 1)..];
        }

        host = Uri.UnescapeDataString(host);
        if (host.Length == 0)
        {
            throw new FormatException("an empty host");
        }

        if (port is null)
        {
            return (host, DefaultPort);
        }

        return int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and <= 65535
            ? (host, number)
            : throw new FormatException($"port \"{port}\" is not a number between 1 and 65535");
    }

    /// <summary>The URI with its passwords (user info, <c>password=</c> settings) replaced by <c>***</c>, for messages.</summary>
    public static string Redact(string uri)
    {
        var redacted = PasswordSetting().Replace(uri, "$1***");
        var scheme = redacted.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return redacted;
        }

        var authorityEnd = redacted.IndexOfAny(['/', '?'], scheme + 3);
        var authority = authorityEnd < 0 ? redacted[(scheme + 3)..] : redacted[(scheme + 3)..authorityEnd];
        var at = authority.LastIndexOf('@');
        var colon = authority.IndexOf(':', StringComparison.Ordinal);
        return at > 0 && colon >= 0 && colon < at
            ? $"{redacted[..(scheme + 3)]}{authority[..(colon + 1)]}***{authority[at..]}{(authorityEnd < 0 ? "" : redacted[authorityEnd..])}"
            : redacted;
    }

    [GeneratedRegex("(?i)(password\\s*=\\s*)[^;&]*")]
    private static partial Regex PasswordSetting();
}
