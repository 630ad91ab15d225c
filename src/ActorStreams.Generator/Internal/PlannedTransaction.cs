using System.Text.Json;

namespace ActorStreams.Generator.Internal;

/// <summary>A transaction decided but not yet written: everyday ones are written at once, pattern followers wait for their event time.</summary>
internal struct PlannedTransaction
{
    public TransactionCustomer Customer;
    public long Ticks;
    public long AmountCents;
    public MerchantCategory Category;
    public JsonEncodedText Merchant;
    public JsonEncodedText Device;
    public JsonEncodedText Ip;
    public JsonEncodedText Payment;

    /// <summary>The city for an in-store payment, null for an online one (no coordinates).</summary>
    public City? Location;
    public double Latitude;
    public double Longitude;
    public bool IsFraud;

    /// <summary>The injected pattern this record belongs to (genuine records of a pattern too), or null; test-visible ground truth.</summary>
    public FraudInjection? Injection;
}
