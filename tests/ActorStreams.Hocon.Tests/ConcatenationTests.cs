using ActorStreams.Hocon.Tests.TestSupport;

namespace ActorStreams.Hocon.Tests;

/// <summary>Value concatenation of strings, arrays and objects.</summary>
[Trait("Category", "Unit")]
public sealed class ConcatenationTests
{
    [Fact]
    public void Strings_WhitespaceBetweenValues_IsPreservedAndEndsTrimmed()
    {
        var config = TestConfig.Parse("a =   foo   bar\t baz   \nb = null bar 42 baz true 3.14 hi\nc = \"x\"\"y\" z");

        Assert.Equal("foo   bar\t baz", config.GetString("a"));
        Assert.Equal("null bar 42 baz true 3.14 hi", config.GetString("b"));
        Assert.Equal("xy z", config.GetString("c"));
    }

    [Fact]
    public void Strings_NumbersKeepTheirText()
    {
        Assert.Equal("1e5 x 1.50", TestConfig.Parse("a = 1e5 x 1.50").GetString("a"));
    }

    [Fact]
    public void Strings_WithSubstitutions_ConvertValuesToText()
    {
        var config = TestConfig.Parse("""
            n = 42, f = 1.50, t = true, z = null, s = str
            a = ${n} ${f} ${t} ${s}.
            b = ${z}-x
            c = "pre "${s}" post"
            """);

        Assert.Equal("42 1.50 true str.", config.GetString("a"));
        Assert.Equal("null-x", config.GetString("b"));
        Assert.Equal("pre str post", config.GetString("c"));
    }

    [Fact]
    public void SingleSubstitution_KeepsTheValueType()
    {
        var config = TestConfig.Parse("n = 42\nb = true\no { x = 1 }\na = ${n}\nc = ${b}\nd = ${o}");

        Assert.IsType<ConfigNumber>(config.GetValue("a"));
        Assert.IsType<ConfigBoolean>(config.GetValue("c"));
        TestConfig.AssertJson("""{ "x": 1 }""", config.GetConfig("d"));
    }

    [Fact]
    public void Arrays_OnTheSameLine_AreConcatenated()
    {
        var config = TestConfig.Parse("base = [1, 2]\na = [0] ${base} [3, 4]\nb = ${base}${base}");

        TestConfig.AssertJson("""{ "base": [1, 2], "a": [0, 1, 2, 3, 4], "b": [1, 2, 1, 2] }""", config);
    }

    [Fact]
    public void Objects_OnTheSameLine_AreMerged()
    {
        var config = TestConfig.Parse("""
            generic = { cluster-size = 6, name = generic, nested { a = 1 } }
            east = ${generic} { name = "east", nested { b = 2 } }
            literal = { a = 1 } { b = 2 } { a = 3 }
            """);

        TestConfig.AssertJson("""{ "cluster-size": 6, "name": "east", "nested": { "a": 1, "b": 2 } }""", config.GetConfig("east"));
        TestConfig.AssertJson("""{ "a": 3, "b": 2 }""", config.GetConfig("literal"));
    }

    [Fact]
    public void LiteralObjects_Concatenated_CanReferToTheirOwnFields()
    {
        var config = TestConfig.Parse("a = { x = 1 } { y = ${a.x} }");

        TestConfig.AssertJson("""{ "x": 1, "y": 1 }""", config.GetConfig("a"));
    }

    [Fact]
    public void Substitution_ResolvingToArray_ConcatenatedWithString_IsAnErrorNamingPositions()
    {
        var error = TestConfig.ResolveError<ConfigResolveException>("list = [1]\na = ${list} tail");

        Assert.Equal("test.conf:2:12: cannot concatenate an array with the string \" tail\" in the value of a (written at test.conf:2:5): a value concatenation must be all objects, all arrays or all simple values", error.Message);
        Assert.Equal(new ConfigOrigin("test.conf", 2, 12), error.Origin);
    }

    [Fact]
    public void Substitution_ResolvingToObject_ConcatenatedWithArray_IsAnError()
    {
        var error = TestConfig.ResolveError<ConfigResolveException>("o { x = 1 }\nl = [1]\na = ${o} ${l}");

        Assert.Equal("test.conf:3:10: cannot concatenate an object with an array in the value of a (written at test.conf:3:5): a value concatenation must be all objects, all arrays or all simple values", error.Message);
    }

    [Fact]
    public void Substitution_ConcatenatedInAnArrayElement_NamesTheElement()
    {
        var error = TestConfig.ResolveError<ConfigResolveException>("o { x = 1 }\na = [ ${o} x ]");

        Assert.Contains("cannot concatenate an object with the string \" x\" in an array element", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionalUndefined_InStringConcatenation_IsEmpty()
    {
        var config = TestConfig.Parse("a = ${?nope}foo\nb = x${?nope}y\nc = ${?nope} \"a\"");

        Assert.Equal("foo", config.GetString("a"));
        Assert.Equal("xy", config.GetString("b"));
        // Only the undefined value disappears; the whitespace written between the values stays.
        Assert.Equal(" a", config.GetString("c"));
    }

    [Fact]
    public void OptionalUndefined_InArrayOrObjectConcatenation_IsEmpty()
    {
        var config = TestConfig.Parse("a = ${?nope} [1]\nb = ${?nope} { x = 1 }\nc = [1] ${?nope}");

        TestConfig.AssertJson("""{ "a": [1], "b": { "x": 1 }, "c": [1] }""", config);
    }

    [Fact]
    public void OptionalUndefined_AllPiecesUndefined_LeavesTheFieldUnset()
    {
        var config = TestConfig.Parse("a = ${?x}${?y}\nb = ${?x} ${?y}\nc = 1\nc = ${?x} ${?y}");

        Assert.False(config.HasPath("a"));
        Assert.False(config.HasPath("b"));
        Assert.Equal(1, config.GetInt("c"));
    }
}
