using System.Text.Json;

namespace ActorStreams.Generator.Internal;

/// <summary>Pre-encoded property names of the generated records (docs/design.md §5), so writing them costs no escaping.</summary>
internal static class JsonNames
{
    public static readonly JsonEncodedText TransactionId = JsonEncodedText.Encode("transaction_id");
    public static readonly JsonEncodedText CustomerId = JsonEncodedText.Encode("customer_id");
    public static readonly JsonEncodedText MerchantId = JsonEncodedText.Encode("merchant_id");
    public static readonly JsonEncodedText MerchantCategory = JsonEncodedText.Encode("merchant_category");
    public static readonly JsonEncodedText Amount = JsonEncodedText.Encode("amount");
    public static readonly JsonEncodedText Currency = JsonEncodedText.Encode("currency");
    public static readonly JsonEncodedText PaymentMethod = JsonEncodedText.Encode("payment_method");
    public static readonly JsonEncodedText DeviceId = JsonEncodedText.Encode("device_id");
    public static readonly JsonEncodedText IpAddress = JsonEncodedText.Encode("ip_address");
    public static readonly JsonEncodedText Latitude = JsonEncodedText.Encode("latitude");
    public static readonly JsonEncodedText Longitude = JsonEncodedText.Encode("longitude");
    public static readonly JsonEncodedText Country = JsonEncodedText.Encode("country");
    public static readonly JsonEncodedText City = JsonEncodedText.Encode("city");
    public static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");
    public static readonly JsonEncodedText IsFraud = JsonEncodedText.Encode("is_fraud");

    public static readonly JsonEncodedText ActivityId = JsonEncodedText.Encode("activity_id");
    public static readonly JsonEncodedText ActivityType = JsonEncodedText.Encode("activity_type");
    public static readonly JsonEncodedText PropensityToChurn = JsonEncodedText.Encode("propensity_to_churn");
    public static readonly JsonEncodedText OfferId = JsonEncodedText.Encode("offer_id");

    public static readonly JsonEncodedText OfferName = JsonEncodedText.Encode("offer_name");
    public static readonly JsonEncodedText OfferUrl = JsonEncodedText.Encode("offer_url");

    public static readonly JsonEncodedText FirstName = JsonEncodedText.Encode("first_name");
    public static readonly JsonEncodedText LastName = JsonEncodedText.Encode("last_name");
    public static readonly JsonEncodedText Email = JsonEncodedText.Encode("email");
    public static readonly JsonEncodedText Gender = JsonEncodedText.Encode("gender");
    public static readonly JsonEncodedText Income = JsonEncodedText.Encode("income");
    public static readonly JsonEncodedText Fico = JsonEncodedText.Encode("fico");
    public static readonly JsonEncodedText YearsActive = JsonEncodedText.Encode("years_active");

    public static readonly JsonEncodedText ApplicationId = JsonEncodedText.Encode("application_id");
    public static readonly JsonEncodedText Channel = JsonEncodedText.Encode("channel");
    public static readonly JsonEncodedText Product = JsonEncodedText.Encode("product");
    public static readonly JsonEncodedText LoanPurpose = JsonEncodedText.Encode("loan_purpose");
    public static readonly JsonEncodedText LoanAmount = JsonEncodedText.Encode("loan_amount");
    public static readonly JsonEncodedText TermMonths = JsonEncodedText.Encode("term_months");
    public static readonly JsonEncodedText AnnualIncome = JsonEncodedText.Encode("annual_income");
    public static readonly JsonEncodedText MonthlyDebt = JsonEncodedText.Encode("monthly_debt");
    public static readonly JsonEncodedText CreditScore = JsonEncodedText.Encode("credit_score");
    public static readonly JsonEncodedText EmploymentYears = JsonEncodedText.Encode("employment_years");
    public static readonly JsonEncodedText IdentityVerificationScore = JsonEncodedText.Encode("identity_verification_score");
    public static readonly JsonEncodedText ApplicationDurationS = JsonEncodedText.Encode("application_duration_s");
    public static readonly JsonEncodedText Decision = JsonEncodedText.Encode("decision");
    public static readonly JsonEncodedText ProcessingTimeS = JsonEncodedText.Encode("processing_time_s");

    public static readonly JsonEncodedText EventId = JsonEncodedText.Encode("event_id");
    public static readonly JsonEncodedText SessionId = JsonEncodedText.Encode("session_id");
    public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    public static readonly JsonEncodedText ProductId = JsonEncodedText.Encode("product_id");
    public static readonly JsonEncodedText Category = JsonEncodedText.Encode("category");
    public static readonly JsonEncodedText Price = JsonEncodedText.Encode("price");
    public static readonly JsonEncodedText Quantity = JsonEncodedText.Encode("quantity");
    public static readonly JsonEncodedText Device = JsonEncodedText.Encode("device");
}
