using ActorStreams.Hocon.Tests.TestSupport;

namespace ActorStreams.Hocon.Tests;

/// <summary>Typed getters, their conversions and their errors.</summary>
[Trait("Category", "Unit")]
public sealed class ConfigGetterTests
{
    private static readonly Config Sample = ConfigFactory.ParseString("""
        actorstreams {
          rules {
            velocity {
              window = "abc"
              limit = 12
              ratio = 0.75
              enabled = yes
            }
          }
          kafka {
            bootstrap = "localhost:9092"
            servers = [a, 1, true]
            nested = [{ x = 1 }]
          }
          nothing = null
          empty {}
        }
        """, "application.conf");

    [Fact]
    public void GetString_ConvertsNumbersAndBooleans()
    {
        var config = TestConfig.Parse("s = text\nn = 1.50\nb = false");

        Assert.Equal("text", config.GetString("s"));
        Assert.Equal("1.50", config.GetString("n"));
        Assert.Equal("false", config.GetString("b"));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("\"yes\"", true)]
    [InlineData("on", true)]
    [InlineData("\"TRUE\"", true)]
    [InlineData("false", false)]
    [InlineData("no", false)]
    [InlineData("\"off\"", false)]
    public void GetBoolean_AcceptsTheSixBooleanWords(string written, bool expected)
    {
        Assert.Equal(expected, TestConfig.Parse("b = " + written).GetBoolean("b"));
    }

    [Fact]
    public void GetBoolean_OtherString_IsABadValueNamingPathAndOrigin()
    {
        var error = Assert.Throws<ConfigBadValueException>(() => TestConfig.Parse("a.b = maybe").GetBoolean("a.b"));

        Assert.Equal("a.b must be a boolean (true/false, yes/no or on/off), got \"maybe\" (test.conf:1:7)", error.Message);
        Assert.Equal("a.b", error.Path);
    }

    [Fact]
    public void NumberGetters_AcceptNumericStrings()
    {
        var config = TestConfig.Parse("i = \"42\"\nl = \" 9000000000 \"\nd = \"2.5\"\ne = \"1e3\"");

        Assert.Equal(42, config.GetInt("i"));
        Assert.Equal(9_000_000_000L, config.GetLong("l"));
        Assert.Equal(2.5, config.GetDouble("d"));
        Assert.Equal(1000, config.GetInt("e"));
    }

    [Fact]
    public void GetInt_Fraction_IsABadValue()
    {
        var error = Assert.Throws<ConfigBadValueException>(() => TestConfig.Parse("a = 1.5").GetInt("a"));

        Assert.Equal("a must be an integer, got 1.5 (test.conf:1:5)", error.Message);
    }

    [Fact]
    public void GetInt_OutOfRange_IsABadValue()
    {
        var error = Assert.Throws<ConfigBadValueException>(() => TestConfig.Parse("a = 3000000000").GetInt("a"));

        Assert.Equal("a must be an integer between -2147483648 and 2147483647, got 3000000000 (test.conf:1:5)", error.Message);
        Assert.Equal(3_000_000_000L, TestConfig.Parse("a = 3000000000").GetLong("a"));
    }

    [Fact]
    public void GetLong_BeyondLong_IsABadValue()
    {
        var error = Assert.Throws<ConfigBadValueException>(() => TestConfig.Parse("a = 1e19").GetLong("a"));

        Assert.Equal("a must be an integer between -9223372036854775808 and 9223372036854775807, got 1e19 (test.conf:1:5)", error.Message);
    }

    [Fact]
    public void GetDouble_NonNumericString_IsABadValue()
    {
        var error = Assert.Throws<ConfigBadValueException>(() => TestConfig.Parse("a = twelve").GetDouble("a"));

        Assert.Equal("a must be a number, got \"twelve\" (test.conf:1:5)", error.Message);
    }

    [Fact]
    public void Getters_WrongType_NameThePathTheValueAndTheOrigin()
    {
        var config = TestConfig.Parse("o { x = 1 }\nl = [1]\nz = null\ns = text");

        Assert.Equal("o must be a string, got an object (test.conf:1:3)", Assert.Throws<ConfigWrongTypeException>(() => config.GetString("o")).Message);
        Assert.Equal("l must be a number, got a list (test.conf:2:5)", Assert.Throws<ConfigWrongTypeException>(() => config.GetDouble("l")).Message);
        Assert.Equal("z must be an integer, got null (test.conf:3:5)", Assert.Throws<ConfigWrongTypeException>(() => config.GetInt("z")).Message);
        Assert.Equal("s must be an object, got \"text\" (test.conf:4:5)", Assert.Throws<ConfigWrongTypeException>(() => config.GetConfig("s")).Message);
        Assert.Equal("s must be a list, got \"text\" (test.conf:4:5)", Assert.Throws<ConfigWrongTypeException>(() => config.GetStringList("s")).Message);
        Assert.Equal("o must be a duration, got an object (test.conf:1:3)", Assert.Throws<ConfigWrongTypeException>(() => config.GetTimeSpan("o")).Message);
        Assert.Equal("z must be a size in bytes, got null (test.conf:3:5)", Assert.Throws<ConfigWrongTypeException>(() => config.GetBytes("z")).Message);
        Assert.Equal("l must be a boolean (true/false, yes/no or on/off), got a list (test.conf:2:5)", Assert.Throws<ConfigWrongTypeException>(() => config.GetBoolean("l")).Message);
    }

    [Fact]
    public void Getters_ThroughANonObject_NameTheParent()
    {
        var error = Assert.Throws<ConfigWrongTypeException>(() => TestConfig.Parse("a = 5").GetString("a.b.c"));

        Assert.Equal("a must be an object to read a.b.c, got 5 (test.conf:1:5)", error.Message);
        Assert.Equal("a", error.Path);
    }

    [Fact]
    public void Getters_Missing_ThrowMissingKeyWithTheFullPath()
    {
        var error = Assert.Throws<ConfigMissingException>(() => Sample.GetString("actorstreams.x.y"));

        Assert.Equal("missing configuration key actorstreams.x.y", error.Message);
        Assert.Equal("actorstreams.x.y", error.Path);
        Assert.Throws<ConfigMissingException>(() => Sample.GetInt("nope"));
        Assert.Throws<ConfigMissingException>(() => Sample.GetValue("actorstreams.nothing.below"));
    }

    [Fact]
    public void Getters_WithDefault_UseTheDefaultForMissingOrNull()
    {
        Assert.Equal("d", Sample.GetString("actorstreams.absent", "d"));
        Assert.Equal("d", Sample.GetString("actorstreams.nothing", "d"));
        Assert.Equal("localhost:9092", Sample.GetString("actorstreams.kafka.bootstrap", "d"));
        Assert.Equal(3, Sample.GetInt("actorstreams.absent", 3));
        Assert.Equal(12, Sample.GetInt("actorstreams.rules.velocity.limit", 3));
        Assert.Equal(4L, Sample.GetLong("actorstreams.absent", 4L));
        Assert.Equal(0.5, Sample.GetDouble("actorstreams.absent", 0.5));
        Assert.Equal(0.75, Sample.GetDouble("actorstreams.rules.velocity.ratio", 0.5));
        Assert.True(Sample.GetBoolean("actorstreams.absent", true));
        Assert.True(Sample.GetBoolean("actorstreams.rules.velocity.enabled", false));
        Assert.Equal(TimeSpan.FromSeconds(1), Sample.GetTimeSpan("actorstreams.absent", TimeSpan.FromSeconds(1)));
        Assert.Equal(64L, Sample.GetBytes("actorstreams.absent", 64L));
    }

    [Fact]
    public void Getters_WithDefault_StillRejectWrongTypes()
    {
        Assert.Throws<ConfigWrongTypeException>(() => Sample.GetString("actorstreams.empty", "d"));
        Assert.Throws<ConfigBadValueException>(() => Sample.GetTimeSpan("actorstreams.rules.velocity.window", TimeSpan.Zero));
    }

    [Fact]
    public void HasPath_IsFalseForMissingAndNull()
    {
        Assert.True(Sample.HasPath("actorstreams.kafka.bootstrap"));
        Assert.True(Sample.HasPath("actorstreams.empty"));
        Assert.False(Sample.HasPath("actorstreams.nothing"));
        Assert.False(Sample.HasPath("actorstreams.absent"));
        Assert.False(Sample.HasPath("actorstreams.kafka.bootstrap.deeper"));
    }

    [Fact]
    public void GetConfig_SubConfig_RemembersItsPathInErrors()
    {
        var velocity = Sample.GetConfig("actorstreams.rules").GetConfig("velocity");

        var error = Assert.Throws<ConfigBadValueException>(() => velocity.GetTimeSpan("window"));

        Assert.Equal("actorstreams.rules.velocity", velocity.Path);
        Assert.Equal("actorstreams.rules.velocity.window must be a duration, got \"abc\" (application.conf:4:16): there is no number", error.Message);
        Assert.Equal("actorstreams.rules.velocity.window", error.Path);
        Assert.Equal("missing configuration key actorstreams.rules.velocity.nope", Assert.Throws<ConfigMissingException>(() => velocity.GetInt("nope")).Message);
        Assert.Equal("actorstreams.rules.velocity.limit must be a boolean (true/false, yes/no or on/off), got 12 (application.conf:5:15)",
            Assert.Throws<ConfigWrongTypeException>(() => velocity.GetBoolean("limit")).Message);
    }

    [Fact]
    public void GetConfig_SubConfig_ReadsRelativePaths()
    {
        var kafka = Sample.GetConfig("actorstreams.kafka");

        Assert.Equal("localhost:9092", kafka.GetString("bootstrap"));
        Assert.Equal(["bootstrap", "servers", "nested"], kafka.Root.Keys);
        Assert.Equal("", Sample.Path);
    }

    [Fact]
    public void GetStringList_ConvertsSimpleValues_AndNamesBadElements()
    {
        Assert.Equal(["a", "1", "true"], Sample.GetStringList("actorstreams.kafka.servers"));

        var error = Assert.Throws<ConfigWrongTypeException>(() => Sample.GetStringList("actorstreams.kafka.nested"));
        Assert.Equal("actorstreams.kafka.nested[0] must be a string, got an object (application.conf:13:15)", error.Message);
    }

    [Fact]
    public void GetStringList_NumericallyIndexedObject_IsReadAsAList()
    {
        var config = TestConfig.Parse("l { \"2\" = c, \"0\" = a, \"10\" = d, \"1\" = b, x = ignored }");

        Assert.Equal(["a", "b", "c", "d"], config.GetStringList("l"));
    }

    [Fact]
    public void GetValue_ReturnsTypedValuesWithOrigins()
    {
        var value = Sample.GetValue("actorstreams.kafka.bootstrap");

        var text = Assert.IsType<ConfigString>(value);
        Assert.Equal("localhost:9092", text.Value);
        Assert.Equal(new ConfigOrigin("application.conf", 11, 17), text.Origin);
        Assert.IsType<ConfigNull>(Sample.GetValue("actorstreams.nothing"));
    }

    [Fact]
    public void GetTimeSpan_StringsAndBareMilliseconds()
    {
        var config = TestConfig.Parse("a = 10s\nb = 250\nc = \"1.5 minutes\"\nd = 0.5");

        Assert.Equal(TimeSpan.FromSeconds(10), config.GetTimeSpan("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(250), config.GetTimeSpan("b"));
        Assert.Equal(TimeSpan.FromSeconds(90), config.GetTimeSpan("c"));
        Assert.Equal(TimeSpan.FromTicks(5000), config.GetTimeSpan("d"));
    }

    [Fact]
    public void GetTimeSpan_UnknownUnit_SaysWhichUnitsExist()
    {
        var error = Assert.Throws<ConfigBadValueException>(() => TestConfig.Parse("a = 5 parsecs").GetTimeSpan("a"));

        Assert.Equal("a must be a duration, got \"5 parsecs\" (test.conf:1:5): unknown time unit \"parsecs\" (use ns, us, ms, s, m, h or d, or a long form such as seconds or minutes)", error.Message);
    }

    [Fact]
    public void GetBytes_StringsAndBareBytes()
    {
        var config = TestConfig.Parse("a = 64MiB\nb = 1024\nc = \"10 MB\"\nd = -1");

        Assert.Equal(64L * 1024 * 1024, config.GetBytes("a"));
        Assert.Equal(1024L, config.GetBytes("b"));
        Assert.Equal(10_000_000L, config.GetBytes("c"));
        Assert.Equal("d must be a size in bytes, got -1 (test.conf:4:5): a size cannot be negative",
            Assert.Throws<ConfigBadValueException>(() => config.GetBytes("d")).Message);
    }

    [Fact]
    public void GetterPaths_InvalidExpression_IsAConfigException()
    {
        var error = Assert.Throws<ConfigException>(() => Sample.GetString("a..b"));

        Assert.Equal("invalid path expression 'a..b': a path may not contain an empty key between two dots (quote an empty key as \"\")", error.Message);
        Assert.Throws<ConfigException>(() => Sample.GetString(""));
        Assert.Throws<ConfigException>(() => Sample.GetString("a:b"));
    }

    [Fact]
    public void Entries_ListEveryLeafWithItsPath()
    {
        var config = TestConfig.Parse("a { b = 1, c = [1, 2], \"d.e\" = x, n = null, empty {} }\nf = true");

        var entries = config.Entries.Select(e => $"{e.Key}={e.Value}").ToList();

        Assert.Equal(["a.b=1", "a.c=[1,2]", "a.\"d.e\"=\"x\"", "a.n=null", "f=true"], entries);
        Assert.Equal(["b", "c", "\"d.e\"", "n"], config.GetConfig("a").Entries.Select(e => e.Key));
    }
}
