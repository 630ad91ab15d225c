using System.Text;

namespace ActorStreams.Lake.Internal;

/// <summary>The topics' Avro schemas embedded from <c>schemas/*.avsc</c> (ActorStreams.Lake.csproj links them).</summary>
internal static class EmbeddedSchemas
{
    private const string Prefix = "ActorStreams.Lake.schemas.";

    /// <summary>The text of <c>schemas/&lt;topic&gt;.avsc</c>.</summary>
    public static string Read(string topic)
    {
        var name = $"{Prefix}{topic}.avsc";
        using var stream = typeof(EmbeddedSchemas).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the assembly lacks the embedded schema {name} (schemas/{topic}.avsc)");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
