namespace ActorStreams.Domain.Fraud;

/// <summary>A point on the globe in degrees, written as <c>{"lat": .., "lon": ..}</c> (Elasticsearch's geo_point object form).</summary>
/// <param name="Lat">Latitude, −90..90.</param>
/// <param name="Lon">Longitude, −180..180.</param>
public readonly record struct GeoLocation(double Lat, double Lon);
