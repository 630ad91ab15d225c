namespace ActorStreams.Generator;

/// <summary>The dataset names of <c>./actorstreams generate &lt;dataset&gt;</c> (docs/design.md §7); each but <see cref="Insurance"/> is also the logical topic its records go to.</summary>
public static class GeneratorDatasets
{
    /// <summary>Card payments with injected fraud (key <c>customer_id</c>).</summary>
    public const string Transactions = "transactions";

    /// <summary>Insurance customer activity (key <c>customer_id</c>).</summary>
    public const string CustomerActivity = "customer-activity";

    /// <summary>Customer profiles, one per customer (key <c>customer_id</c>).</summary>
    public const string CustomerDetails = "customer-details";

    /// <summary>The offers reference table (key <c>offer_id</c>).</summary>
    public const string CustomerOffers = "customer-offers";

    /// <summary>Offers, then customer details, then activities, with consistent ids (the three insurance datasets of the seed).</summary>
    public const string Insurance = "insurance";

    /// <summary>Loan applications with injected fraud labelled <c>is_fraud</c> (key <c>customer_id</c>).</summary>
    public const string LoanApplications = "loan-applications";

    /// <summary>
    /// A simulated shop's views, cart changes and purchases (key <c>customer_id</c>), from customers of latent segments who
    /// may churn; the ground truth is <see cref="GeneratedRecordStream.ChurnTruth"/>.
    /// </summary>
    public const string CustomerEvents = "customer-events";

    /// <summary>Every dataset name, in the order of the help text.</summary>
    public static IReadOnlyList<string> All { get; } = [Transactions, CustomerActivity, CustomerDetails, CustomerOffers, Insurance, LoanApplications, CustomerEvents];
}
