using System.Text.Json;

namespace ActorStreams.Generator.Internal;

/// <summary>
/// One applicant of the <c>loan-applications</c> world: the financial profile every one of their applications
/// states (income, debt, credit score, employment), their own 1–2 devices and IP addresses, and the channel
/// they usually apply through. Drawn once at start.
/// </summary>
internal sealed class LoanCustomer(
    long id, long incomeCents, double debtRatio, int creditScore, int employmentTenths, JsonEncodedText[] devices, JsonEncodedText[] ips, int preferredChannel)
{
    public long Id { get; } = id;

    /// <summary>Annual income in cents, a multiple of 10.00.</summary>
    public long IncomeCents { get; } = incomeCents;

    /// <summary>Monthly debt payments as a share of monthly income (0 for a customer without debt).</summary>
    public double DebtRatio { get; } = debtRatio;

    /// <summary>Credit score, 300–850.</summary>
    public int CreditScore { get; } = creditScore;

    /// <summary>Years with the current employer, in tenths.</summary>
    public int EmploymentTenths { get; } = employmentTenths;

    /// <summary>The customer's own devices, <c>dev-&lt;customer&gt;-&lt;k&gt;</c>; the first is the usual one.</summary>
    public JsonEncodedText[] Devices { get; } = devices;

    public JsonEncodedText[] Ips { get; } = ips;

    /// <summary>Index into the stream's channels.</summary>
    public int PreferredChannel { get; } = preferredChannel;
}
