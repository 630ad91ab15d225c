namespace ActorStreams.Domain.Internal;

/// <summary>Great-circle distance for the travel rule.</summary>
internal static class Geo
{
    /// <summary>Mean Earth radius fixed by docs/design.md §6.</summary>
    public const double EarthRadiusKm = 6371.0;

    /// <summary>Haversine distance in km between two points given in degrees.</summary>
    public static double HaversineKm(double lat1, double lon1, double lat2, double lon2)
    {
        var phi1 = lat1 * (Math.PI / 180.0);
        var phi2 = lat2 * (Math.PI / 180.0);
        var dPhi = (lat2 - lat1) * (Math.PI / 180.0);
        var dLambda = (lon2 - lon1) * (Math.PI / 180.0);
        var sinPhi = Math.Sin(dPhi / 2);
        var sinLambda = Math.Sin(dLambda / 2);
        var a = (sinPhi * sinPhi) + (Math.Cos(phi1) * Math.Cos(phi2) * sinLambda * sinLambda);
        return 2 * EarthRadiusKm * Math.Asin(Math.Sqrt(Math.Min(1.0, a)));
    }
}
