using System.Text;

namespace ActorStreams.Actors;

/// <summary>
/// The location of an actor, <c>actorstreams://&lt;system&gt;/user/parent/child</c>; compared by value.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    /// <summary>The URI scheme of every path.</summary>
    public const string Scheme = "actorstreams";

    private ActorPath(string systemName, ActorPath? parent, string name, int depth)
    {
        SystemName = systemName;
        Parent = parent;
        Name = name;
        Depth = depth;
    }

    /// <summary>The name of the actor system the path belongs to.</summary>
    public string SystemName { get; }

    /// <summary>The parent path; null for the root.</summary>
    public ActorPath? Parent { get; }

    /// <summary>The last element; empty for the root.</summary>
    public string Name { get; }

    /// <summary>The number of elements below the root.</summary>
    public int Depth { get; }

    /// <summary>The elements below the root, top first.</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var elements = new string[Depth];
            for (var p = this; p.Parent is not null; p = p.Parent)
            {
                elements[p.Depth - 1] = p.Name;
            }

            return elements;
        }
    }

    /// <summary>Creates the root path of a system.</summary>
    public static ActorPath Root(string systemName)
    {
        ArgumentException.ThrowIfNullOrEmpty(systemName);
        return new ActorPath(systemName, null, string.Empty, 0);
    }

    /// <summary>Parses <c>actorstreams://system/a/b</c>.</summary>
    /// <exception cref="FormatException">The text is not an actor path.</exception>
    public static ActorPath Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string prefix = Scheme + "://";
        if (!text.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new FormatException($"actor path must start with \"{prefix}\", got \"{text}\"");
        }

        var parts = text[prefix.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            throw new FormatException($"actor path has no system name: \"{text}\"");
        }

        var path = Root(parts[0]);
        for (var i = 1; i < parts.Length; i++)
        {
            path = path.Child(parts[i]);
        }

        return path;
    }

    /// <summary>Creates the path of a child named <paramref name="name"/>.</summary>
    public ActorPath Child(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new ActorPath(SystemName, this, name, Depth + 1);
    }

    /// <inheritdoc />
    public bool Equals(ActorPath? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Depth != Depth || other.SystemName != SystemName)
        {
            return false;
        }

        for (ActorPath? a = this, b = other; a is not null && b is not null; a = a.Parent, b = b.Parent)
        {
            if (ReferenceEquals(a, b))
            {
                return true;
            }

            if (a.Name != b.Name)
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ActorPath);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(SystemName, StringComparer.Ordinal);
        for (var p = this; p.Parent is not null; p = p.Parent)
        {
            hash.Add(p.Name, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder(Scheme).Append("://").Append(SystemName).Append('/');
        var elements = Elements;
        for (var i = 0; i < elements.Count; i++)
        {
            if (i > 0)
            {
                sb.Append('/');
            }

            sb.Append(elements[i]);
        }

        return sb.ToString();
    }
}
