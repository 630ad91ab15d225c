using ActorStreams.Hocon.Tests.TestSupport;

namespace ActorStreams.Hocon.Tests;

/// <summary>Path expressions as keys and duplicate-key merging.</summary>
[Trait("Category", "Unit")]
public sealed class PathKeyTests
{
    [Fact]
    public void PathKey_Dotted_ExpandsToNestedObjects()
    {
        var config = TestConfig.Parse("a.b.c = 1\na.b.d = 2\na.x = 3");

        TestConfig.AssertJson("""{ "a": { "b": { "c": 1, "d": 2 }, "x": 3 } }""", config);
    }

    [Fact]
    public void PathKey_QuotedSegments_KeepTheirDots()
    {
        var config = TestConfig.Parse("\"a.b\".c = 1\na.\"\".b = 2\nfoo\"10.0\" = 3");

        TestConfig.AssertJson("""{ "a.b": { "c": 1 }, "a": { "": { "b": 2 } }, "foo10.0": 3 }""", config);
        Assert.Equal(1, config.GetInt("\"a.b\".c"));
        Assert.Equal(2, config.GetInt("a.\"\".b"));
    }

    [Fact]
    public void PathKey_NumbersAndKeywords_UseTheirWrittenText()
    {
        var config = TestConfig.Parse("10.0foo = 1\ntrue = 2\n3 = 3\n1.2.3 = 4\nnulls.null = 5");

        TestConfig.AssertJson("""{ "10": { "0foo": 1 }, "true": 2, "3": 3, "1": { "2": { "3": 4 } }, "nulls": { "null": 5 } }""", config);
    }

    [Fact]
    public void PathKey_InnerWhitespace_IsKeptAndOuterWhitespaceTrimmed()
    {
        var config = TestConfig.Parse("  a b c   : 42\n x . y = 1");

        Assert.Equal(42, config.GetInt("\"a b c\""));
        TestConfig.AssertJson("""{ "a b c": 42, "x ": { " y": 1 } }""", config);
    }

    [Fact]
    public void PathKey_NewlinesAroundTheSeparator_AreAllowed()
    {
        var config = TestConfig.Parse("a.b\n\n  :\n\n 1\nc\n=\n2");

        TestConfig.AssertJson("""{ "a": { "b": 1 }, "c": 2 }""", config);
    }

    [Fact]
    public void DuplicateKeys_Objects_MergeRecursively()
    {
        var config = TestConfig.Parse("foo { a = 1, n { x = 1 } }\nfoo { b = 2, n { y = 2 } }\nfoo.c = 3");

        TestConfig.AssertJson("""{ "foo": { "a": 1, "n": { "x": 1, "y": 2 }, "b": 2, "c": 3 } }""", config);
    }

    [Fact]
    public void DuplicateKeys_NonObjects_Replace()
    {
        var config = TestConfig.Parse("a = 1\na = 2\nb = { x = 1 }\nb = 5\nc = [1]\nc = [2]");

        TestConfig.AssertJson("""{ "a": 2, "b": 5, "c": [2] }""", config);
    }

    [Fact]
    public void DuplicateKeys_NullBetweenObjects_PreventsTheMerge()
    {
        var config = TestConfig.Parse("foo { a = 42 }\nfoo = null\nfoo { b = 43 }");

        TestConfig.AssertJson("""{ "foo": { "b": 43 } }""", config);
    }

    [Fact]
    public void DuplicateKeys_ObjectAfterScalar_ReplacesIt()
    {
        var config = TestConfig.Parse("a = 1\na { x = 1 }");

        TestConfig.AssertJson("""{ "a": { "x": 1 } }""", config);
    }

    [Fact]
    public void Keys_KeepDefinitionOrder()
    {
        var config = TestConfig.Parse("z = 1\na = 2\nm = 3\nz = 4");

        Assert.Equal(["z", "a", "m"], config.Root.Keys);
    }
}
