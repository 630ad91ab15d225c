namespace ActorStreams.Hocon;

/// <summary>
/// Substitutions refer to each other in a cycle that cannot be broken by looking at earlier values,
/// such as <c>a = ${b}, b = ${a}</c> or <c>a = { b = ${a} }</c>.
/// </summary>
public sealed class ConfigCycleException : ConfigResolveException
{
    /// <summary>Creates a cycle error.</summary>
    /// <param name="origin">The substitution at which the cycle was found.</param>
    /// <param name="problem">What is wrong, without the position (it is prefixed).</param>
    /// <param name="cycle">The paths along the cycle, in resolution order, ending where it started.</param>
    public ConfigCycleException(ConfigOrigin origin, string problem, IReadOnlyList<string> cycle)
        : base(origin, problem)
    {
        Cycle = cycle;
    }

    /// <summary>The paths along the cycle, in resolution order, ending where it started.</summary>
    public IReadOnlyList<string> Cycle { get; }
}
