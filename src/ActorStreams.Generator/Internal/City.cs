using System.Text.Json;

namespace ActorStreams.Generator.Internal;

/// <summary>A city of the built-in table: where transactions happen.</summary>
/// <param name="Name">The city name (<c>city</c>).</param>
/// <param name="Country">ISO 3166-1 alpha-2 code (<c>country</c>).</param>
/// <param name="Latitude">Degrees north.</param>
/// <param name="Longitude">Degrees east.</param>
/// <param name="Currency">The card currency of customers living there (ISO 4217).</param>
internal sealed record City(string Name, string Country, double Latitude, double Longitude, string Currency)
{
    public JsonEncodedText NameJson { get; } = JsonText.Encode(Name);

    public JsonEncodedText CountryJson { get; } = JsonText.Encode(Country);

    public JsonEncodedText CurrencyJson { get; } = JsonText.Encode(Currency);
}
