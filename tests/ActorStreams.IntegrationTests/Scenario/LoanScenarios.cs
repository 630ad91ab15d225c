using ActorStreams.Generator;

namespace ActorStreams.IntegrationTests.Scenario;

/// <summary>The input of the loan analytics end-to-end test: the generator's <c>loan-applications</c> dataset plus hand-made cases.</summary>
public static class LoanScenarios
{
    /// <summary>Event time of the first generated application (a whole minute).</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The generator's settings: 10 % injected fraud so every rule fires several times, an application every 6 s
    /// (mean-customer-interval × 30 / customers) so windows hold several applications, and everyday applications up to
    /// 45 s out of order, more than the 10 s grace, so some are late for DEVICE_SHARED and the windows.
    /// </summary>
    public static GeneratorSettings Settings(int customers) => GeneratorSettings.Default with
    {
        Seed = 20260301,
        Customers = customers,
        FraudRatio = 0.1,
        Disorder = TimeSpan.FromSeconds(45),
        DisorderRatio = 0.1,
        MeanCustomerInterval = TimeSpan.FromSeconds(customers / 5.0),
        Start = Start,
    };

    /// <summary>The generated applications alone.</summary>
    public static List<PlannedRecord> Generated(int applications, int customers) =>
        Scenario.Generated.Records(GeneratorDatasets.LoanApplications, Settings(customers), applications);

    /// <summary>
    /// One preload: the generated applications with the bad records (<see cref="BadLoanRecords"/>) spread among them, then
    /// the hand-made cases (<see cref="LoanEdgeCases"/>) two days after the start, past every generated application.
    /// </summary>
    public static InputPlan Preloaded(int applications = 3_000, int customers = 3_000)
    {
        var generated = Generated(applications, customers);
        var bad = BadLoanRecords.All(Start + TimeSpan.FromDays(400));
        var every = Math.Max(1, generated.Count / (bad.Count + 1));
        var records = new List<PlannedRecord>();
        for (var i = 0; i < generated.Count; i++)
        {
            records.Add(generated[i]);
            if (i % every == every - 1 && i / every < bad.Count)
            {
                records.Add(bad[i / every]);
            }
        }

        records.AddRange(LoanEdgeCases.Applications(EdgeStart).Select(a => a.ToRecord()));
        return new InputPlan([records]);
    }

    /// <summary>Where the hand-made cases start.</summary>
    public static DateTimeOffset EdgeStart => Start + TimeSpan.FromDays(2);
}
