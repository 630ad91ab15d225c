using System.Text;

namespace ActorStreams.Hocon.Internal;

/// <summary>
/// Builds the node for a value made of several pieces. Literal pieces are folded while parsing (strings
/// with the whitespace between them, adjacent array or object literals), so only concatenations with
/// substitutions are left for resolution, and mixing literal types is reported at its position.
/// </summary>
internal static class Concatenation
{
    public static Node Build(List<Node> pieces)
    {
        CheckLiteralTypes(pieces);
        var folded = MergeLiterals(FoldStrings(pieces));
        Node? single = null;
        var nonWhitespace = 0;
        foreach (var piece in folded)
        {
            if (piece is not WhitespaceNode)
            {
                single = piece;
                nonWhitespace++;
            }
        }

        return nonWhitespace == 1 ? single! : new ConcatenationNode(folded[0].Origin, folded);
    }

    public static bool IsSimpleLiteral(Node node) => node is ValueNode { Value: not ConfigObject and not ConfigList };

    /// <summary>The text of a simple value in a string concatenation (numbers as written, null as "null").</summary>
    public static string TextOf(ConfigValue value) => value switch
    {
        ConfigString s => s.Value,
        ConfigNumber n => n.Text,
        ConfigBoolean b => b.Value ? "true" : "false",
        ConfigNull => "null",
        _ => throw new InvalidOperationException("only simple values have a concatenation text"),
    };

    /// <summary>Describes a value for a concatenation error: "an array", "the string \"x\""...</summary>
    public static string Describe(ConfigValue value) => value switch
    {
        ConfigObject => "an object",
        ConfigList => "an array",
        ConfigString s => "the string " + Token.Describe(new Token(TokenKind.QuotedString, s.Value, string.Empty, 0, 0)),
        ConfigNumber n => "the number " + n.Text,
        ConfigBoolean b => b.Value ? "the boolean true" : "the boolean false",
        _ => "null",
    };

    private static List<Node> FoldStrings(List<Node> pieces)
    {
        var result = new List<Node>(pieces.Count);
        var i = 0;
        while (i < pieces.Count)
        {
            if (!IsSimpleLiteral(pieces[i]) && pieces[i] is not WhitespaceNode)
            {
                result.Add(pieces[i]);
                i++;
                continue;
            }

            var start = i;
            var literals = 0;
            while (i < pieces.Count && (IsSimpleLiteral(pieces[i]) || pieces[i] is WhitespaceNode))
            {
                if (pieces[i] is ValueNode)
                {
                    literals++;
                }

                i++;
            }

            if (literals == 0 || (literals == 1 && i - start == 1))
            {
                result.AddRange(pieces.GetRange(start, i - start));
                continue;
            }

            var text = new StringBuilder();
            for (var j = start; j < i; j++)
            {
                text.Append(pieces[j] is WhitespaceNode w ? w.Text : TextOf(((ValueNode)pieces[j]).Value));
            }

            result.Add(new ValueNode(new ConfigString(text.ToString(), pieces[start].Origin)));
        }

        return result;
    }

    private static List<Node> MergeLiterals(List<Node> pieces)
    {
        var result = new List<Node>(pieces.Count);
        foreach (var piece in pieces)
        {
            var last = result.FindLastIndex(p => p is not WhitespaceNode);
            var previous = last >= 0 ? result[last] : null;
            if (piece is ArrayNode array && previous is ArrayNode previousArray)
            {
                result.RemoveRange(last, result.Count - last);
                result.Add(new ArrayNode(previousArray.Origin, [.. previousArray.Elements, .. array.Elements]));
            }
            else if (piece is ObjectNode obj && previous is ObjectNode previousObject)
            {
                var merged = new ObjectNode(previousObject.Origin);
                merged.AddAll(previousObject);
                merged.AddAll(obj);
                result.RemoveRange(last, result.Count - last);
                result.Add(merged);
            }
            else
            {
                result.Add(piece);
            }
        }

        return result;
    }

    private static void CheckLiteralTypes(List<Node> pieces)
    {
        Node? first = null;
        foreach (var piece in pieces)
        {
            var kind = LiteralKind(piece);
            if (kind == 0)
            {
                continue;
            }

            if (first is null)
            {
                first = piece;
            }
            else if (LiteralKind(first) != kind)
            {
                throw new ConfigParseException(piece.Origin, $"cannot concatenate {DescribeLiteral(first)} with {DescribeLiteral(piece)}: a value concatenation must be all objects, all arrays or all simple values (put the values on separate lines or separate them with ',', or quote the whole string)");
            }
        }
    }

    private static int LiteralKind(Node node) => node switch
    {
        ObjectNode => 1,
        ArrayNode => 2,
        ValueNode v when IsSimpleLiteral(v) => 3,
        _ => 0,
    };

    private static string DescribeLiteral(Node node) => node switch
    {
        ObjectNode => "an object",
        ArrayNode => "an array",
        ValueNode v => Describe(v.Value),
        _ => "a value",
    };
}
