using System.Text;

namespace ActorStreams.Hocon.Tests;

[Trait("Category", "Unit")]
public sealed class LargeFileTests
{
    [Fact]
    public void Parse_TwoThousandLineFile_ResolvesEverySection()
    {
        var text = new StringBuilder();
        for (var section = 0; section < 200; section++)
        {
            text.Append("section-").Append(section).Append(" {\n");
            text.Append("  # comment line\n");
            text.Append("  name = \"section ").Append(section).Append("\"\n");
            text.Append("  timeout = 10s, retries = 3, ratio = 0.25\n");
            text.Append("  hosts = [a, b, c]\n");
            text.Append("  nested.path.key = value-").Append(section).Append('\n');
            text.Append("  copy = ${section-").Append(section).Append(".name}\n");
            text.Append("  list += ").Append(section).Append('\n');
            text.Append("  enabled = true\n");
            text.Append("}\n");
        }

        var input = text.ToString();
        Assert.Equal(2000, input.Count(c => c == '\n'));

        // A large file parses and resolves completely (no timing here: speed goals belong in benchmarks).
        var config = ConfigFactory.ParseString(input).Resolve(new ConfigResolveOptions { UseEnvironment = false });

        for (var section = 0; section < 200; section++)
        {
            var path = $"section-{section}";
            Assert.Equal($"section {section}", config.GetString(path + ".copy"));
            Assert.Equal($"value-{section}", config.GetString(path + ".nested.path.key"));
            Assert.Equal(TimeSpan.FromSeconds(10), config.GetTimeSpan(path + ".timeout"));
            Assert.Equal(3, config.GetInt(path + ".retries"));
            Assert.True(config.GetBoolean(path + ".enabled"));
        }
    }
}
