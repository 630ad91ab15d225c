using System.Text.Json;

namespace ActorStreams.Generator.Internal;

/// <summary>A loan application decided but not yet written: everyday ones are written at once, pattern followers wait for their event time.</summary>
internal struct PlannedLoanApplication
{
    public LoanCustomer Customer;
    public long Ticks;
    public LoanChannel Channel;
    public LoanProduct Product;
    public JsonEncodedText Purpose;
    public long AmountCents;
    public int TermMonths;
    public long IncomeCents;
    public long DebtCents;
    public int CreditScore;
    public int EmploymentTenths;
    public int IdentityThousandths;
    public JsonEncodedText Device;
    public JsonEncodedText Ip;
    public int DurationTenths;
    /// <summary>Index into the stream's decisions: approved, rejected or pending.</summary>
    public int Decision;
    public long ProcessingTenths;
    public bool IsFraud;

    /// <summary>The injected pattern this record belongs to, or null; test-visible ground truth.</summary>
    public LoanFraudInjection? Injection;
}
