using System.Text;

namespace ActorStreams.Hocon.Tests;

/// <summary>Pathologically deep input fails with a configuration error instead of overflowing the stack.</summary>
[Trait("Category", "Unit")]
public sealed class LimitTests
{
    [Fact]
    public void Parse_NestingDeeperThanTheStack_IsAParseError()
    {
        var error = RunWithSmallStack(() => ConfigFactory.ParseString("a = " + new string('[', 100_000), "deep.conf"));

        var parse = Assert.IsType<ConfigParseException>(error);
        Assert.Matches(@"^deep\.conf:1:\d+: objects and arrays are nested too deeply$", parse.Message);
    }

    [Fact]
    public void Resolve_ChainDeeperThanTheStack_IsAResolveError()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 3000; i++)
        {
            text.Append("l += ").Append(i).Append('\n');
        }

        var error = RunWithSmallStack(() => ConfigFactory.ParseString(text.ToString(), "long.conf").Resolve());

        var resolve = Assert.IsType<ConfigResolveException>(error);
        Assert.Matches(@"^long\.conf:\d+:3: substitutions are nested too deeply to resolve \(\d+ levels, for example a very long chain of \+= or self-references to one field\)$", resolve.Message);
    }

    [Fact]
    public void ConfigExceptions_AllDeriveFromConfigException()
    {
        // The HOCON front end stands alone: its errors derive from ConfigException, not from the product's base.
        Assert.Equal(typeof(Exception), typeof(ConfigException).BaseType);
        Assert.True(typeof(ConfigParseException).IsAssignableTo(typeof(ConfigException)));
        Assert.True(typeof(ConfigCycleException).IsAssignableTo(typeof(ConfigResolveException)));
        Assert.True(typeof(ConfigWrongTypeException).IsAssignableTo(typeof(ConfigBadValueException)));
        Assert.True(typeof(ConfigMissingException).IsAssignableTo(typeof(ConfigException)));
    }

    /// <summary>Runs on a thread with a 256 KiB stack so the limit is reached quickly and deterministically.</summary>
    private static Exception? RunWithSmallStack(Action action)
    {
        Exception? caught = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    action();
                }
                catch (Exception e)
                {
                    caught = e;
                }
            },
            256 * 1024);
        thread.Start();
        thread.Join();
        return caught;
    }
}
