using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ActorStreams.Hocon;

/// <summary>
/// Flattens a resolved HOCON configuration into Microsoft.Extensions.Configuration keys: objects nest with
/// <c>:</c>, list elements are numbered (<c>servers:0</c>), numbers use the invariant culture, booleans
/// are <c>true</c>/<c>false</c>, null stays null.
/// </summary>
public sealed class HoconConfigurationProvider : ConfigurationProvider
{
    private readonly HoconConfigurationSource _source;

    /// <summary>Creates a provider for the given source.</summary>
    /// <param name="source">The configuration or file to expose.</param>
    public HoconConfigurationProvider(HoconConfigurationSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
    }

    /// <inheritdoc />
    public override void Load()
    {
        var config = _source.Config;
        if (config is null)
        {
            var path = _source.FilePath ?? throw new ConfigException("a HOCON configuration source needs either a Config or a FilePath");
            if (!File.Exists(path) && _source.Optional)
            {
                Data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
                return;
            }

            config = ConfigFactory.ParseFile(path);
        }

        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Flatten(config.Resolve().Root, null, data);
        Data = data;
    }

    private static void Flatten(ConfigValue value, string? key, Dictionary<string, string?> data)
    {
        switch (value)
        {
            case ConfigObject obj:
                foreach (var (name, child) in obj)
                {
                    Flatten(child, key is null ? name : key + ConfigurationPath.KeyDelimiter + name, data);
                }

                break;
            case ConfigList list:
                for (var i = 0; i < list.Count; i++)
                {
                    Flatten(list[i], key + ConfigurationPath.KeyDelimiter + i.ToString(CultureInfo.InvariantCulture), data);
                }

                break;
            default:
                if (key is not null)
                {
                    data[key] = ToText(value);
                }

                break;
        }
    }

    private static string? ToText(ConfigValue value) => value switch
    {
        ConfigString s => s.Value,
        ConfigBoolean b => b.Value ? "true" : "false",
        ConfigNumber n when n.TryGetInt64(out var integer) => integer.ToString(CultureInfo.InvariantCulture),
        ConfigNumber n => n.ToDouble().ToString("R", CultureInfo.InvariantCulture),
        _ => null,
    };
}
