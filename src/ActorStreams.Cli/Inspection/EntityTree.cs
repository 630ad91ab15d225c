using System.Globalization;
using System.Text.Json;
using ActorStreams.Cli.Inspection.Model;
using Spectre.Console;

namespace ActorStreams.Cli.Inspection;

/// <summary>
/// <c>cmd entity show</c>: where the entity lives (kind, id, partition, owner, in memory or from the store) and its
/// JSON state as a tree. Arrays of scalars stay on one line, cut to fit; arrays of objects are cut after
/// <see cref="MaxItems"/> items (the full state is in <c>--json</c>).
/// </summary>
internal static class EntityTree
{
    public const int MaxItems = 20;
    private const int MaxInlineLength = 70;

    public static void Render(IAnsiConsole console, EntityAnswer entity)
    {
        WriteField(console, "KIND", entity.Kind);
        WriteField(console, "ID", entity.Id);
        WriteField(console, "PARTITION", entity.Partition?.ToString(CultureInfo.InvariantCulture) ?? Formats.None);
        WriteField(console, "OWNER", entity.Owner ?? Formats.None);
        WriteField(console, "SOURCE", entity.InMemory switch
        {
            true => "in memory (active on its owner)",
            false => "the store (passivated, not in memory)",
            null => Formats.None,
        });
        console.WriteLine();

        var tree = new Tree(new Text("STATE", new Style(decoration: Decoration.Bold)))
        {
            Guide = console.Profile.Capabilities.Unicode ? TreeGuide.Line : TreeGuide.Ascii,
        };
        switch (entity.State.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in entity.State.EnumerateObject())
                {
                    Add(tree, property.Name, property.Value);
                }

                break;
            case JsonValueKind.Array:
                AddItems(tree, entity.State);
                break;
            case JsonValueKind.Undefined:
                tree.AddNode(new Text("(none)"));
                break;
            default:
                tree.AddNode(new Text(Scalar(entity.State)));
                break;
        }

        console.Write(tree);
    }

    private static void WriteField(IAnsiConsole console, string key, string value)
    {
        console.Write(new Text(key.PadRight(11), new Style(decoration: Decoration.Bold)));
        console.Write(new Text(value + "\n"));
    }

    private static void Add(IHasTreeNodes parent, string name, JsonElement value)
    {
        var key = $"[blue]{Markup.Escape(name)}[/]";
        switch (value.ValueKind)
        {
            case JsonValueKind.Object when value.EnumerateObject().Any():
                var objectNode = parent.AddNode(new Markup(key));
                foreach (var property in value.EnumerateObject())
                {
                    Add(objectNode, property.Name, property.Value);
                }

                break;
            case JsonValueKind.Array when Inline(value) is { } inline:
                parent.AddNode(new Markup($"{key}: {Markup.Escape(inline)}"));
                break;
            case JsonValueKind.Array:
                var arrayNode = parent.AddNode(new Markup($"{key} [grey]({Formats.Plural(value.GetArrayLength(), "item", "items")})[/]"));
                AddItems(arrayNode, value);
                break;
            default:
                parent.AddNode(new Markup($"{key}: {Markup.Escape(Scalar(value))}"));
                break;
        }
    }

    private static void AddItems(IHasTreeNodes parent, JsonElement array)
    {
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (index == MaxItems)
            {
                parent.AddNode(new Text($"... {Formats.Count(array.GetArrayLength() - MaxItems)} more (the whole state: --json)"));
                return;
            }

            Add(parent, $"[{index.ToString(CultureInfo.InvariantCulture)}]", item);
            index++;
        }
    }

    /// <summary>
    /// An array of scalars on one line, e.g. <c>[3, 5, 8]</c>, cut to fit with the count of the rest:
    /// <c>[1, 2, 3, ... 22 more]</c>; null for arrays holding objects or arrays.
    /// </summary>
    private static string? Inline(JsonElement array)
    {
        if (array.EnumerateArray().Any(i => i.ValueKind is JsonValueKind.Object or JsonValueKind.Array && !IsEmpty(i)))
        {
            return null;
        }

        var items = array.EnumerateArray().Select(Scalar).ToList();
        var text = new System.Text.StringBuilder("[");
        for (var i = 0; i < items.Count; i++)
        {
            var separator = i == 0 ? "" : ", ";
            var rest = $", ... {Formats.Count(items.Count - i)} more]";
            if (text.Length + separator.Length + items[i].Length + (i == items.Count - 1 ? 1 : rest.Length) > MaxInlineLength && i > 0)
            {
                return text.Append(rest).ToString();
            }

            text.Append(separator).Append(items[i]);
        }

        return text.Append(']').ToString();
    }

    private static bool IsEmpty(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => !value.EnumerateObject().Any(),
        JsonValueKind.Array => value.GetArrayLength() == 0,
        _ => false,
    };

    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Object => "{}",
        JsonValueKind.Array => "[]",
        _ => value.GetRawText(),
    };
}
