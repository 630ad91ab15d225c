namespace ActorStreams.Lake.Internal;

/// <summary>The rules every storage applies to keys and prefixes, so that a key means the same object everywhere.</summary>
internal static class LakeKeys
{
    /// <summary>Checks <paramref name="key"/>: not empty, relative, <c>/</c>-separated, no empty, <c>.</c> or <c>..</c> segment, no <c>\</c> or control character.</summary>
    /// <exception cref="ArgumentException">It breaks a rule.</exception>
    public static void Validate(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0 || Problem(key) is { } problem)
        {
            throw new ArgumentException($"\"{key}\" is not a lake key: {(key.Length == 0 ? "it is empty" : Problem(key))}", nameof(key));
        }
    }

    /// <summary>Checks a listing prefix: empty, or a key, or a key followed by <c>/</c>.</summary>
    /// <exception cref="ArgumentException">It breaks a rule.</exception>
    public static void ValidatePrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var trimmed = prefix.EndsWith('/') ? prefix[..^1] : prefix;
        if (prefix.Length > 0 && (trimmed.Length == 0 || Problem(trimmed) is not null))
        {
            throw new ArgumentException($"\"{prefix}\" is not a lake key prefix: {(trimmed.Length == 0 ? "it is only '/'" : Problem(trimmed))}", nameof(prefix));
        }
    }

    private static string? Problem(string key)
    {
        if (key.Any(char.IsControl) || key.Contains('\\', StringComparison.Ordinal))
        {
            return "it contains '\\' or a control character";
        }

        foreach (var segment in key.Split('/'))
        {
            if (segment is "" or "." or "..")
            {
                return "it has an empty, '.' or '..' segment (keys are relative and '/'-separated)";
            }
        }

        return null;
    }
}
