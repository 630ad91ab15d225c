namespace ActorStreams.Hocon.Internal;

/// <summary>Reads an override's text as a HOCON value when it is exactly one literal value, else as the string itself.</summary>
internal static class OverrideValue
{
    public static ConfigValue Parse(string text, ConfigOrigin origin)
    {
        var node = HoconParser.TryParseSingleValue(text, origin.Description);
        if (node is null)
        {
            return new ConfigString(text, origin);
        }

        return Resolver.ResolveStandalone(node) switch
        {
            ConfigString s => new ConfigString(s.Value, origin),
            ConfigNumber n => new ConfigNumber(n.Text, origin),
            ConfigBoolean b => new ConfigBoolean(b.Value, origin),
            ConfigNull => new ConfigNull(origin),
            var structured => structured,
        };
    }

    /// <summary>Nests <paramref name="value"/> under <paramref name="path"/> as a definition in <paramref name="root"/>.</summary>
    public static void Add(ObjectNode root, HoconPath path, ConfigValue value, ConfigOrigin origin)
    {
        Node node = new ValueNode(value);
        for (var i = path.Length - 1; i > 0; i--)
        {
            var wrapper = new ObjectNode(origin);
            wrapper.Add(path[i], node);
            node = wrapper;
        }

        root.Add(path[0], node);
    }
}
