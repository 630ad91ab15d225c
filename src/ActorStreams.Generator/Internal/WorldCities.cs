namespace ActorStreams.Generator.Internal;

/// <summary>
/// About fifty world cities with real coordinates. Amounts are generated on one dollar-like scale
/// (the fraud thresholds ignore currency), so customers of countries whose currency unit is far from
/// it carry USD cards; the others carry their local currency.
/// </summary>
internal static class WorldCities
{
    private const double EarthRadiusKm = 6371.0;

    public static IReadOnlyList<City> All { get; } =
    [
        new("New York", "US", 40.7128, -74.0060, "USD"),
        new("Los Angeles", "US", 34.0522, -118.2437, "USD"),
        new("Chicago", "US", 41.8781, -87.6298, "USD"),
        new("Houston", "US", 29.7604, -95.3698, "USD"),
        new("San Francisco", "US", 37.7749, -122.4194, "USD"),
        new("Miami", "US", 25.7617, -80.1918, "USD"),
        new("Seattle", "US", 47.6062, -122.3321, "USD"),
        new("Boston", "US", 42.3601, -71.0589, "USD"),
        new("Denver", "US", 39.7392, -104.9903, "USD"),
        new("Atlanta", "US", 33.7490, -84.3880, "USD"),
        new("Toronto", "CA", 43.6532, -79.3832, "CAD"),
        new("Vancouver", "CA", 49.2827, -123.1207, "CAD"),
        new("Montreal", "CA", 45.5019, -73.5674, "CAD"),
        new("Mexico City", "MX", 19.4326, -99.1332, "USD"),
        new("São Paulo", "BR", -23.5505, -46.6333, "USD"),
        new("Rio de Janeiro", "BR", -22.9068, -43.1729, "USD"),
        new("Buenos Aires", "AR", -34.6037, -58.3816, "USD"),
        new("Bogotá", "CO", 4.7110, -74.0721, "USD"),
        new("Lima", "PE", -12.0464, -77.0428, "USD"),
        new("Santiago", "CL", -33.4489, -70.6693, "USD"),
        new("London", "GB", 51.5074, -0.1278, "GBP"),
        new("Manchester", "GB", 53.4808, -2.2426, "GBP"),
        new("Edinburgh", "GB", 55.9533, -3.1883, "GBP"),
        new("Dublin", "IE", 53.3498, -6.2603, "EUR"),
        new("Paris", "FR", 48.8566, 2.3522, "EUR"),
        new("Lyon", "FR", 45.7640, 4.8357, "EUR"),
        new("Berlin", "DE", 52.5200, 13.4050, "EUR"),
        new("Munich", "DE", 48.1351, 11.5820, "EUR"),
        new("Hamburg", "DE", 53.5511, 9.9937, "EUR"),
        new("Amsterdam", "NL", 52.3676, 4.9041, "EUR"),
        new("Brussels", "BE", 50.8503, 4.3517, "EUR"),
        new("Madrid", "ES", 40.4168, -3.7038, "EUR"),
        new("Barcelona", "ES", 41.3874, 2.1686, "EUR"),
        new("Lisbon", "PT", 38.7223, -9.1393, "EUR"),
        new("Rome", "IT", 41.9028, 12.4964, "EUR"),
        new("Milan", "IT", 45.4642, 9.1900, "EUR"),
        new("Vienna", "AT", 48.2082, 16.3738, "EUR"),
        new("Zurich", "CH", 47.3769, 8.5417, "CHF"),
        new("Helsinki", "FI", 60.1699, 24.9384, "EUR"),
        new("Athens", "GR", 37.9838, 23.7275, "EUR"),
        new("Istanbul", "TR", 41.0082, 28.9784, "USD"),
        new("Cairo", "EG", 30.0444, 31.2357, "USD"),
        new("Lagos", "NG", 6.5244, 3.3792, "USD"),
        new("Nairobi", "KE", -1.2921, 36.8219, "USD"),
        new("Johannesburg", "ZA", -26.2041, 28.0473, "USD"),
        new("Cape Town", "ZA", -33.9249, 18.4241, "USD"),
        new("Dubai", "AE", 25.2048, 55.2708, "USD"),
        new("Mumbai", "IN", 19.0760, 72.8777, "USD"),
        new("Delhi", "IN", 28.7041, 77.1025, "USD"),
        new("Bangalore", "IN", 12.9716, 77.5946, "USD"),
        new("Singapore", "SG", 1.3521, 103.8198, "SGD"),
        new("Bangkok", "TH", 13.7563, 100.5018, "USD"),
        new("Hong Kong", "HK", 22.3193, 114.1694, "USD"),
        new("Shanghai", "CN", 31.2304, 121.4737, "USD"),
        new("Beijing", "CN", 39.9042, 116.4074, "USD"),
        new("Seoul", "KR", 37.5665, 126.9780, "USD"),
        new("Tokyo", "JP", 35.6762, 139.6503, "USD"),
        new("Osaka", "JP", 34.6937, 135.5023, "USD"),
        new("Sydney", "AU", -33.8688, 151.2093, "AUD"),
        new("Melbourne", "AU", -37.8136, 144.9631, "AUD"),
        new("Auckland", "NZ", -36.8485, 174.7633, "NZD"),
    ];

    /// <summary>Great-circle distance in km (haversine, R = 6371 km, as the travel rule computes it).</summary>
    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        var dLat = DegreesToRadians(lat2 - lat1);
        var dLon = DegreesToRadians(lon2 - lon1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(DegreesToRadians(lat1)) * Math.Cos(DegreesToRadians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    private static double DegreesToRadians(double degrees) => degrees * Math.PI / 180.0;
}
