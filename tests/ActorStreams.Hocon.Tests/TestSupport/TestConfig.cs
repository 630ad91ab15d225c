using System.Collections;
using System.Text.Json;

namespace ActorStreams.Hocon.Tests.TestSupport;

/// <summary>Parsing and comparison helpers shared by the tests.</summary>
internal static class TestConfig
{
    /// <summary>An environment with nothing in it, so tests never depend on the machine's variables.</summary>
    public static IDictionary NoEnvironment => new Dictionary<string, string>();

    public static ConfigResolveOptions Env(params (string Name, string Value)[] variables) =>
        new() { Environment = variables.ToDictionary(v => v.Name, v => v.Value) };

    /// <summary>Parses as <c>test.conf</c> and resolves against an empty environment.</summary>
    public static Config Parse(string text) =>
        ConfigFactory.ParseString(text, "test.conf").Resolve(new ConfigResolveOptions { Environment = NoEnvironment });

    public static ConfigParseException ParseError(string text) =>
        Assert.Throws<ConfigParseException>(() => ConfigFactory.ParseString(text, "test.conf"));

    public static T ResolveError<T>(string text)
        where T : Exception =>
        Assert.Throws<T>(() => Parse(text));

    /// <summary>Asserts the configuration renders to JSON structurally equal to <paramref name="expectedJson"/> (numbers compared numerically).</summary>
    public static void AssertJson(string expectedJson, Config config) => AssertJsonEqual(expectedJson, config.ToJson());

    public static void AssertJsonEqual(string expectedJson, string actualJson)
    {
        using var expected = JsonDocument.Parse(expectedJson);
        using var actual = JsonDocument.Parse(actualJson);
        var difference = Difference(expected.RootElement, actual.RootElement, "$");
        Assert.True(difference is null, $"{difference}\nexpected: {expectedJson}\nactual:   {actualJson}");
    }

    private static string? Difference(JsonElement expected, JsonElement actual, string where)
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{where}: expected {expected.ValueKind} {expected}, got {actual.ValueKind} {actual}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedNames = expected.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
                var actualNames = actual.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
                if (!expectedNames.SequenceEqual(actualNames))
                {
                    return $"{where}: expected keys [{string.Join(", ", expectedNames)}], got [{string.Join(", ", actualNames)}]";
                }

                foreach (var property in expected.EnumerateObject())
                {
                    var inner = Difference(property.Value, actual.GetProperty(property.Name), $"{where}.{property.Name}");
                    if (inner is not null)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var expectedItems = expected.EnumerateArray().ToList();
                var actualItems = actual.EnumerateArray().ToList();
                if (expectedItems.Count != actualItems.Count)
                {
                    return $"{where}: expected {expectedItems.Count} elements, got {actualItems.Count}";
                }

                for (var i = 0; i < expectedItems.Count; i++)
                {
                    var inner = Difference(expectedItems[i], actualItems[i], $"{where}[{i}]");
                    if (inner is not null)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Number:
                return expected.GetDecimal() == actual.GetDecimal() ? null : $"{where}: expected {expected}, got {actual}";
            case JsonValueKind.String:
                return expected.GetString() == actual.GetString() ? null : $"{where}: expected \"{expected.GetString()}\", got \"{actual.GetString()}\"";
            default:
                return null;
        }
    }
}
