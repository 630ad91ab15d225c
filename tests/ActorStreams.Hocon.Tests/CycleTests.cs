using ActorStreams.Hocon.Tests.TestSupport;

namespace ActorStreams.Hocon.Tests;

/// <summary>Substitution cycles are errors that list the cycle; optional substitutions treat a cycle as undefined.</summary>
[Trait("Category", "Unit")]
public sealed class CycleTests
{
    [Fact]
    public void TwoFields_ReferringToEachOther_AreACycle()
    {
        var error = TestConfig.ResolveError<ConfigCycleException>("a = ${b}\nb = ${a}");

        Assert.Equal("test.conf:2:5: could not resolve substitution ${a}: substitution cycle a (test.conf:1:5) -> b (test.conf:2:5) -> a, and no earlier definition of a breaks it", error.Message);
        Assert.Equal(["a", "b", "a"], error.Cycle);
    }

    [Fact]
    public void ThreeFields_InALoop_AreACycle()
    {
        var error = TestConfig.ResolveError<ConfigCycleException>("a : ${b}\nb : ${c}\nc : ${a}");

        Assert.Equal(["a", "b", "c", "a"], error.Cycle);
        Assert.Contains("substitution cycle a (test.conf:1:5) -> b (test.conf:2:5) -> c (test.conf:3:5) -> a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ObjectContainingAReferenceToItself_IsAnUnbreakableCycle()
    {
        var error = TestConfig.ResolveError<ConfigCycleException>("a : { b : ${a} }");

        Assert.Equal("test.conf:1:11: could not resolve substitution ${a}: substitution cycle a.b (test.conf:1:11) -> a -> a.b", error.Message);
        Assert.Equal(["a.b", "a", "a.b"], error.Cycle);
    }

    [Fact]
    public void ArrayContainingAReferenceToItself_IsAnUnbreakableCycle()
    {
        var error = TestConfig.ResolveError<ConfigCycleException>("a = [1]\na : [${a}]");

        Assert.Equal("test.conf:2:6: could not resolve substitution ${a}: substitution cycle a (test.conf:2:5) -> an array element (test.conf:2:6) -> a", error.Message);
    }

    [Fact]
    public void OptionalSubstitution_InACycle_IsUndefined()
    {
        var config = TestConfig.Parse("a : { b : ${?a}, c = 1 }");

        TestConfig.AssertJson("""{ "a": { "c": 1 } }""", config);
    }

    [Fact]
    public void CrossReferencingOverrides_ResolveBothFieldsToTheSameValue()
    {
        // The spec leaves the value open (1 or 2) but requires a and b to agree.
        var config = TestConfig.Parse("a : 1\nb : 2\na : ${b}\nb : ${a}");

        Assert.Equal(config.GetInt("a"), config.GetInt("b"));
    }

    [Fact]
    public void CycleThroughAConcatenation_IsReported()
    {
        var error = TestConfig.ResolveError<ConfigCycleException>("a = x${b}\nb = y${a}");

        Assert.Equal(["a", "b", "a"], error.Cycle);
    }
}
