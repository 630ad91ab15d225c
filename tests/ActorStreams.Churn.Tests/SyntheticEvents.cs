using System.Globalization;
using System.Text;
using ActorStreams.Domain;

namespace ActorStreams.Churn.Tests;

/// <summary>
/// A synthetic <c>customer-events</c> file for the training tests: loyal customers keep visiting and buying, churners'
/// visits thin out and stop converting over the weeks before they stop purchasing, and noise (quiet loyal customers,
/// churners who stop abruptly, random devices and categories) keeps it from being trivial.
/// </summary>
internal sealed class SyntheticEvents : IDisposable
{
    public static readonly EventTime Start = EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static readonly string[] Categories = ["electronics", "fashion", "home", "beauty", "sports", "books", "toys", "grocery"];
    private static readonly string[] Devices = ["mobile", "desktop", "tablet"];

    private SyntheticEvents(string directory, string path, EventTime end)
    {
        Directory = directory;
        Path = path;
        End = end;
    }

    /// <summary>The folder of the file and of the outputs; deleted on dispose.</summary>
    public string Directory { get; }

    /// <summary>The JSON-lines file.</summary>
    public string Path { get; }

    /// <summary>The newest event time.</summary>
    public EventTime End { get; }

    public static SyntheticEvents Create(int customers = 300, int days = 240, int seed = 1)
    {
        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "churn-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, "customer-events.jsonl");
        var random = new Random(seed);
        var end = Start + TimeSpan.FromDays(days);
        var events = new List<(long Ticks, string Line)>();
        for (var customer = 1; customer <= customers; customer++)
        {
            AddCustomer(random, customer, end, events);
        }

        // The newest event pins the data's extent, so a test can name T = End − 30 d.
        events.Add((end.Ticks, Line("last", customers + 1, end, "view", "books", "mobile", 5m, 1)));
        var lines = events.OrderBy(e => e.Ticks).Select(e => e.Line).ToList();
        File.WriteAllText(path, string.Join('\n', lines) + "\n", Encoding.UTF8);
        return new SyntheticEvents(directory, path, end);
    }

    public static string Line(string eventId, long customer, EventTime time, string type, string category, string device, decimal price, int quantity) =>
        string.Create(CultureInfo.InvariantCulture,
            $$"""{"event_id":"{{eventId}}","customer_id":{{customer}},"session_id":"s","timestamp":"{{time.ToIsoString()}}","type":"{{type}}","product_id":"p-{{category}}","category":"{{category}}","price":{{price}},"quantity":{{quantity}},"device":"{{device}}","city":"Lyon","country":"FR"}""");

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary folder is harmless.
        }
    }

    private static void AddCustomer(Random random, long customer, EventTime end, List<(long, string)> events)
    {
        var totalDays = (end - Start).TotalDays;
        var kind = random.NextDouble();
        var loyal = kind < 0.5;
        var quiet = kind < 0.1; // loyal, but visits rarely: looks like a churner
        var abrupt = kind > 0.9; // churns without warning
        var churnDay = loyal ? double.PositiveInfinity : 40 + (random.NextDouble() * (totalDays - 40));
        var decayDays = abrupt ? 0 : 20 + (random.NextDouble() * 30);
        var baseGap = (quiet ? 9 : 2.5) * (0.6 + (random.NextDouble() * 0.8));
        var device = Devices[random.Next(Devices.Length)];
        var favourite = Categories[random.Next(Categories.Length)];
        var day = random.NextDouble() * 10;
        var n = 0;
        while (day < totalDays)
        {
            // Decay: before the churn day, visits grow rarer and convert less; after it, only the odd view.
            var intoDecay = decayDays <= 0 ? 0 : Math.Clamp((day - (churnDay - decayDays)) / decayDays, 0, 1);
            var after = day >= churnDay;
            var purchaseChance = after ? 0 : 0.45 * (1 - (0.9 * intoDecay));
            var sessionStart = Start + TimeSpan.FromDays(day);
            var eventsInSession = after ? 1 : random.Next(1, 6);
            var bought = random.NextDouble() < purchaseChance;
            for (var e = 0; e < eventsInSession + (bought ? 2 : 0); e++)
            {
                var time = sessionStart + TimeSpan.FromMinutes(e * random.Next(1, 8));
                if (time >= end)
                {
                    break;
                }

                var type = bought && e == eventsInSession + 1 ? "purchase" : bought && e == eventsInSession ? "add_to_cart" : random.NextDouble() < 0.15 ? "add_to_cart" : "view";
                var category = random.NextDouble() < 0.6 ? favourite : Categories[random.Next(Categories.Length)];
                var thisDevice = random.NextDouble() < 0.8 ? device : Devices[random.Next(Devices.Length)];
                events.Add((time.Ticks, Line($"c{customer}-{n++}", customer, time, type, category, thisDevice, random.Next(500, 20_000) / 100m, type == "purchase" ? random.Next(1, 3) : 1)));
            }

            var gap = baseGap * (after ? 6 : 1 + (3 * intoDecay));
            day += -Math.Log(1 - random.NextDouble()) * gap;
        }
    }
}
