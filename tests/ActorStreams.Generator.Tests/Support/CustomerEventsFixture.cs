namespace ActorStreams.Generator.Tests.Support;

/// <summary>One <c>customer-events</c> run over the default 180 days, generated and parsed once for the tests that share it.</summary>
public sealed class CustomerEventsFixture
{
    public CustomerEventsFixture()
    {
        var stream = DataGenerator.Open(GeneratorDatasets.CustomerEvents, Settings, TimeProvider.System);
        Truth = stream.ChurnTruth!;
        Events = CustomerEvent.Drain(stream);
        Statistics = stream.Statistics;
        ByCustomer = Events.Where(e => !e.IsRepeat).GroupBy(e => e.CustomerId).ToDictionary(g => g.Key, g => (IReadOnlyList<CustomerEvent>)[.. g]);
    }

    /// <summary>1,200 customers, the default behaviour settings, a fixed start.</summary>
    public static GeneratorSettings Settings { get; } = TestSettings.With(seed: 17) with { Customers = 1_200 };

    public ChurnGroundTruth Truth { get; }

    public GenerationStatistics Statistics { get; }

    /// <summary>Every record in stream order, duplicates included.</summary>
    internal IReadOnlyList<CustomerEvent> Events { get; }

    /// <summary>Each customer's events in stream order, without the re-sent duplicates.</summary>
    internal IReadOnlyDictionary<long, IReadOnlyList<CustomerEvent>> ByCustomer { get; }
}
