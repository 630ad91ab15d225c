using System.Globalization;
using System.Text.Json;

namespace ActorStreams.IntegrationTests.Oracle;

/// <summary>Compares the fields of one output record (JSON) with expected values, collecting readable differences.</summary>
internal sealed class FieldCheck(JsonElement json)
{
    public List<string> Problems { get; } = [];

    public void String(string name, string? expected)
    {
        var actual = Read(name, out var present);
        if (expected is null)
        {
            if (present && actual.ValueKind != JsonValueKind.Null)
            {
                Problems.Add($"{name}: expected null, got {actual.GetRawText()}");
            }
        }
        else if (actual.ValueKind != JsonValueKind.String || !string.Equals(actual.GetString(), expected, StringComparison.Ordinal))
        {
            Problems.Add($"{name}: expected \"{expected}\", got {Shown(actual, present)}");
        }
    }

    public void Long(string name, long? expected)
    {
        var actual = Read(name, out var present);
        if (expected is null)
        {
            if (present && actual.ValueKind != JsonValueKind.Null)
            {
                Problems.Add($"{name}: expected null, got {actual.GetRawText()}");
            }
        }
        else if (actual.ValueKind != JsonValueKind.Number || !actual.TryGetInt64(out var value) || value != expected)
        {
            Problems.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: expected {expected}, got {Shown(actual, present)}"));
        }
    }

    public void Decimal(string name, decimal expected, decimal tolerance = 0m)
    {
        var actual = Read(name, out var present);
        if (actual.ValueKind != JsonValueKind.Number || !actual.TryGetDecimal(out var value) || Math.Abs(value - expected) > tolerance)
        {
            Problems.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: expected {expected}, got {Shown(actual, present)}"));
        }
    }

    public void Double(string name, double expected, double tolerance)
    {
        var actual = Read(name, out var present);
        if (actual.ValueKind != JsonValueKind.Number || Math.Abs(actual.GetDouble() - expected) > tolerance)
        {
            Problems.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: expected {expected:R} (±{tolerance:G2}), got {Shown(actual, present)}"));
        }
    }

    public void Time(string name, TimeExpectation expected, long nowMs)
    {
        var actual = Read(name, out var present);
        if (!expected.Matches(actual.ValueKind == JsonValueKind.String ? actual.GetString() : null, nowMs))
        {
            Problems.Add($"{name}: expected {expected}, got {Shown(actual, present)}");
        }
    }

    public void NonEmptyString(string name)
    {
        var actual = Read(name, out var present);
        if (actual.ValueKind != JsonValueKind.String || actual.GetString()!.Length == 0)
        {
            Problems.Add($"{name}: expected a non-empty string, got {Shown(actual, present)}");
        }
    }

    public void Instant(string name)
    {
        var actual = Read(name, out var present);
        if (actual.ValueKind != JsonValueKind.String || !InputValidation.TryParseInstant(actual.GetString()!, out _))
        {
            Problems.Add($"{name}: expected an ISO-8601 timestamp, got {Shown(actual, present)}");
        }
    }

    public void Object(string name)
    {
        var actual = Read(name, out var present);
        if (actual.ValueKind != JsonValueKind.Object)
        {
            Problems.Add($"{name}: expected an object, got {Shown(actual, present)}");
        }
    }

    /// <summary>A geo_point object <c>{"lat", "lon"}</c> with exactly these coordinates, or no field when they are null.</summary>
    public void Location(string name, double? lat, double? lon)
    {
        var actual = Read(name, out var present);
        if (lat is null || lon is null)
        {
            if (present)
            {
                Problems.Add($"{name}: expected no field (the transaction had no coordinates), got {actual.GetRawText()}");
            }

            return;
        }

        if (actual.ValueKind != JsonValueKind.Object
            || !actual.TryGetProperty("lat", out var la) || la.ValueKind != JsonValueKind.Number || la.GetDouble() != lat.Value
            || !actual.TryGetProperty("lon", out var lo) || lo.ValueKind != JsonValueKind.Number || lo.GetDouble() != lon.Value)
        {
            Problems.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: expected {{\"lat\":{lat.Value:R},\"lon\":{lon.Value:R}}}, got {Shown(actual, present)}"));
        }
    }

    /// <summary>A number within <paramref name="relative"/> × |expected| of <paramref name="expected"/> (exactly it when that is 0).</summary>
    public void RelativeDouble(string name, double expected, double relative)
    {
        var actual = Read(name, out var present);
        if (actual.ValueKind != JsonValueKind.Number || Math.Abs(actual.GetDouble() - expected) > relative * Math.Abs(expected))
        {
            Problems.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: expected {expected:R} (relative ±{relative:G2}), got {Shown(actual, present)}"));
        }
    }

    /// <summary>An array of exactly these strings, in this order.</summary>
    public void StringArray(string name, IReadOnlyList<string> expected)
    {
        var actual = Read(name, out var present);
        if (actual.ValueKind != JsonValueKind.Array
            || actual.GetArrayLength() != expected.Count
            || actual.EnumerateArray().Select((item, i) => item.ValueKind == JsonValueKind.String && item.GetString() == expected[i]).Any(equal => !equal))
        {
            Problems.Add($"{name}: expected [{string.Join(", ", expected.Select(e => $"\"{e}\""))}], got {Shown(actual, present)}");
        }
    }

    /// <summary>An object whose fields <paramref name="check"/> checks; its problems are reported as <c>name.field</c>.</summary>
    public void Within(string name, Action<FieldCheck> check)
    {
        var actual = Read(name, out var present);
        if (actual.ValueKind != JsonValueKind.Object)
        {
            Problems.Add($"{name}: expected an object, got {Shown(actual, present)}");
            return;
        }

        var inner = new FieldCheck(actual);
        check(inner);
        Problems.AddRange(inner.Problems.Select(p => $"{name}.{p}"));
    }

    /// <summary>No field other than <paramref name="allowed"/> has a value (absent or null).</summary>
    public void NoFieldsBut(params string[] allowed)
    {
        foreach (var field in json.EnumerateObject().Where(f => f.Value.ValueKind != JsonValueKind.Null && !allowed.Contains(f.Name, StringComparer.Ordinal)))
        {
            Problems.Add($"{field.Name}: expected no value, got {field.Value.GetRawText()}");
        }
    }

    private static string Shown(JsonElement value, bool present) => present ? value.GetRawText() : "nothing (field missing)";

    private JsonElement Read(string name, out bool present)
    {
        present = json.TryGetProperty(name, out var value);
        return present ? value : default;
    }
}
