using System.Globalization;
using System.Reflection;

namespace ActorStreams.Persistence.Internal;

/// <summary>One step of a dialect's schema: <c>schemas/sql/&lt;dialect&gt;/NNN_name.sql</c>, embedded in this assembly.</summary>
internal sealed record SchemaMigration(int Version, string Name, string Sql)
{
    private const string ResourcePrefix = "ActorStreams.Persistence.Sql.";

    /// <summary>The steps of <paramref name="dialect"/> in version order; versions are 1, 2, … without gaps.</summary>
    public static IReadOnlyList<SchemaMigration> Load(string dialect)
    {
        var assembly = typeof(SchemaMigration).Assembly;
        var prefix = $"{ResourcePrefix}{dialect}/";
        var steps = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Read(assembly, name, name[prefix.Length..^".sql".Length]))
            .OrderBy(m => m.Version)
            .ToList();
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].Version != i + 1)
            {
                throw new InvalidOperationException($"the embedded {dialect} migrations are not numbered 1..N: found {string.Join(", ", steps.Select(s => s.Name))}");
            }
        }

        return steps.Count > 0 ? steps : throw new InvalidOperationException($"no embedded {dialect} migrations (schemas/sql/{dialect}/*.sql)");
    }

    private static SchemaMigration Read(Assembly assembly, string resource, string name)
    {
        var underscore = name.IndexOf('_', StringComparison.Ordinal);
        if (underscore <= 0 || !int.TryParse(name.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"migration {resource} is not named NNN_description.sql");
        }

        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new SchemaMigration(version, name, reader.ReadToEnd());
    }
}
