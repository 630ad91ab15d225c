using ActorStreams.Domain.Behaviour;

namespace ActorStreams.Domain.Tests.Behaviour;

/// <summary>Builders of customer events for the behaviour tests, and seeded random streams in time order.</summary>
internal static class BehaviourEvents
{
    /// <summary>Monday 2026-01-05T00:00:00Z.</summary>
    public static readonly EventTime Monday = EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero));

    private static readonly string[] Categories = ["books", "garden", "toys", "electronics", "beauty", "sports", "food", "music"];
    private static readonly string[] Devices = ["mobile", "mobile", "desktop", "tablet"];
    private static readonly double[] StepMinutes = [0, 0.5, 1, 5, 29.999, 30, 30, 30.0000167, 31, 45, 60, 240, 1440, 1440 * 3, 1440 * 20, 1440 * 45];

    private static long _next;

    public static CustomerEvent Event(
        EventTime time,
        CustomerEventType type = CustomerEventType.View,
        string category = "books",
        string device = "mobile",
        decimal price = 10m,
        int quantity = 1,
        long customer = 1) => new()
        {
            EventId = "e" + Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture),
            CustomerId = new CustomerId(customer),
            SessionId = "s",
            Timestamp = time,
            Type = type,
            ProductId = "p",
            Category = category,
            Price = price,
            Quantity = quantity,
            Device = device,
        };

    public static CustomerEvent Purchase(EventTime time, decimal price = 10m, int quantity = 1, string category = "books") =>
        Event(time, CustomerEventType.Purchase, category, price: price, quantity: quantity);

    public static EventTime Minutes(double minutes) => Monday + TimeSpan.FromTicks((long)Math.Round(minutes * TimeSpan.TicksPerMinute));

    public static EventTime Days(double days) => Monday + TimeSpan.FromTicks((long)Math.Round(days * TimeSpan.TicksPerDay));

    public static BehaviourState StateOf(params CustomerEvent[] events) => StateOf(BehaviourSettings.Default, events);

    public static BehaviourState StateOf(BehaviourSettings settings, params CustomerEvent[] events)
    {
        var state = new BehaviourState(settings);
        foreach (var e in events)
        {
            state.Apply(e);
        }

        return state;
    }

    /// <summary>A customer's events in time order: steps on and around the 30-minute gap, days and months apart.</summary>
    public static List<CustomerEvent> RandomStream(Random random, int count)
    {
        var events = new List<CustomerEvent>(count);
        var time = Monday + TimeSpan.FromTicks(random.NextInt64(TimeSpan.TicksPerDay * 7));
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                time += TimeSpan.FromTicks((long)Math.Round(StepMinutes[random.Next(StepMinutes.Length)] * TimeSpan.TicksPerMinute));
            }

            var roll = random.NextDouble();
            var type = roll < 0.55 ? CustomerEventType.View
                : roll < 0.75 ? CustomerEventType.AddToCart
                : roll < 0.83 ? CustomerEventType.RemoveFromCart
                : CustomerEventType.Purchase;
            events.Add(Event(
                time,
                type,
                Categories[random.Next(random.Next(1, Categories.Length + 1))],
                Devices[random.Next(Devices.Length)],
                price: random.Next(1, 100_000) / 100m,
                quantity: random.Next(1, 4)));
        }

        return events;
    }
}
