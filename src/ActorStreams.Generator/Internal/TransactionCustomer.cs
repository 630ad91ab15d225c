using System.Text.Json;

namespace ActorStreams.Generator.Internal;

/// <summary>
/// One customer of the transactions world: fixed traits drawn at start (home, devices, IPs, card
/// currency, preferred payment method) and the little state needed to keep the stream plausible
/// (where and when they last paid, how long they are busy with an injected pattern).
/// </summary>
internal sealed class TransactionCustomer
{
    private const int MaxDevices = 12;

    public TransactionCustomer(long id, CustomerProfile profile, City home, JsonEncodedText[] ips, JsonEncodedText preferredPayment)
    {
        Id = id;
        Profile = profile;
        Home = home;
        Current = home;
        Ips = ips;
        PreferredPayment = preferredPayment;
    }

    public long Id { get; }

    public CustomerProfile Profile { get; }

    public City Home { get; }

    /// <summary>The city the customer is in now (home unless travelling).</summary>
    public City Current { get; set; }

    public JsonEncodedText[] Ips { get; }

    public JsonEncodedText PreferredPayment { get; }

    public JsonEncodedText[] Devices { get; } = new JsonEncodedText[MaxDevices];

    public int DeviceCount { get; private set; }

    /// <summary>Transactions generated so far (planned ones included).</summary>
    public long TransactionCount { get; set; }

    /// <summary>Newest event time generated for the customer.</summary>
    public long LastTicks { get; set; } = long.MinValue / 2;

    /// <summary>No everyday transaction and no new pattern before this event time.</summary>
    public long BlockedUntil { get; set; } = long.MinValue / 2;

    /// <summary>Where and when the latest located transaction happened, as the travel rule sees it.</summary>
    public bool HasLocation { get; set; }

    public double LastLatitude { get; set; }

    public double LastLongitude { get; set; }

    public long LastLocatedTicks { get; set; }

    /// <summary>Adds a device the customer now owns; the oldest but the primary one makes room when full.</summary>
    public void AddDevice(JsonEncodedText device, FastRandom random)
    {
        if (DeviceCount < MaxDevices)
        {
            Devices[DeviceCount++] = device;
        }
        else
        {
            Devices[1 + random.Next(MaxDevices - 1)] = device;
        }
    }

    public void Locate(double latitude, double longitude, long ticks)
    {
        HasLocation = true;
        LastLatitude = latitude;
        LastLongitude = longitude;
        LastLocatedTicks = ticks;
    }

    /// <summary>The implied speed in km/h from the last located transaction to (<paramref name="latitude"/>, <paramref name="longitude"/>) at <paramref name="ticks"/>.</summary>
    public double SpeedKmhTo(double latitude, double longitude, long ticks, out double distanceKm)
    {
        distanceKm = HasLocation ? WorldCities.DistanceKm(LastLatitude, LastLongitude, latitude, longitude) : 0;
        var hours = Math.Max(Math.Abs(ticks - LastLocatedTicks), TimeSpan.TicksPerSecond) / (double)TimeSpan.TicksPerHour;
        return HasLocation ? distanceKm / hours : 0;
    }
}
