using System.Collections;
using System.Reflection;

namespace ActorStreams.Hocon;

/// <summary>
/// The inputs of <see cref="ConfigFactory.Load"/>, from lowest to highest precedence: embedded
/// reference configurations, the application file, the <c>--config</c> file, environment overrides and
/// explicit (command-line) overrides.
/// </summary>
public sealed record ConfigLoadOptions
{
    /// <summary>
    /// Assemblies whose embedded resources ending in <c>reference.conf</c> hold the defaults; merged in
    /// this order (a later assembly overrides an earlier one), and searched by <c>include classpath(...)</c>.
    /// </summary>
    public IReadOnlyList<Assembly> ReferenceAssemblies { get; init; } = [];

    /// <summary>The directory the application file is relative to; null means the working directory.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>The optional application file, relative to <see cref="BaseDirectory"/>; skipped when absent. Null disables it.</summary>
    public string? ApplicationFile { get; init; } = "hocon/application.conf";

    /// <summary>An extra configuration file (the <c>--config</c> option); it must exist when given. Relative to the working directory.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>The prefix of environment variables that override keys (see <see cref="ConfigFactory.FromEnvironment"/>).</summary>
    public string EnvironmentPrefix { get; init; } = "ACTORSTREAMS";

    /// <summary>The environment, for overrides and substitution fallback; null means the process environment.</summary>
    public IDictionary? Environment { get; init; }

    /// <summary>Explicit overrides (command line), HOCON path to value, applied last (see <see cref="ConfigFactory.ParseOverrides"/>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Overrides { get; init; } = [];
}
