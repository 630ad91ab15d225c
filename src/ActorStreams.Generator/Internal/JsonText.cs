using System.Text.Encodings.Web;
using System.Text.Json;

namespace ActorStreams.Generator.Internal;

/// <summary>
/// JSON text encoding of generated records: non-ASCII letters and apostrophes stay readable
/// (<c>São Paulo</c>, <c>O'Calleran</c>) instead of <c>\u00E3</c> escapes. The records are data on a
/// topic, never embedded in HTML, so the relaxed encoder is safe here.
/// </summary>
internal static class JsonText
{
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = Encoder, SkipValidation = true };

    public static JsonEncodedText Encode(string value) => JsonEncodedText.Encode(value, Encoder);
}
