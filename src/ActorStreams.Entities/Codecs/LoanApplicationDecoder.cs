using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using ActorStreams.Domain;
using ActorStreams.Domain.Loans;
using ActorStreams.Entities.Codecs.Internal;

namespace ActorStreams.Entities.Codecs;

/// <summary>
/// Decodes and validates the <c>loan-applications</c> format of docs/design.md §5 with a forward-only
/// <see cref="Utf8JsonReader"/>. Every field but <c>is_fraud</c> is required; unknown fields are ignored. channel,
/// product and decision must be one of their values (lower case); credit_score an integer from 300 to 850;
/// identity_verification_score a number from 0 to 1; annual_income and loan_amount numbers &gt; 0; monthly_debt,
/// employment_years, application_duration_s and processing_time_s numbers ≥ 0; term_months an integer ≥ 1.
/// <c>customer_id</c> and <c>timestamp</c> are read as in the other formats. Thread-safe.
/// </summary>
public sealed class LoanApplicationDecoder : JsonRecordDecoder<LoanApplication>
{
    private const int AllRequired = (1 << 18) - 1;

    // Bit i of the "seen" mask is field i; the first eighteen are required.
    private static readonly string[] Names =
    [
        "application_id", "customer_id", "timestamp", "channel", "product", "loan_purpose", "loan_amount", "term_months",
        "annual_income", "monthly_debt", "credit_score", "employment_years", "identity_verification_score", "device_id",
        "ip_address", "application_duration_s", "decision", "processing_time_s", "is_fraud",
    ];

    private readonly StringPool _pool = new();

    private enum Field
    {
        ApplicationId,
        CustomerId,
        Timestamp,
        Channel,
        Product,
        LoanPurpose,
        LoanAmount,
        TermMonths,
        AnnualIncome,
        MonthlyDebt,
        CreditScore,
        EmploymentYears,
        IdentityVerificationScore,
        DeviceId,
        IpAddress,
        ApplicationDuration,
        Decision,
        ProcessingTime,
        IsFraud,
        Unknown,
    }

    /// <summary>A shared instance (the decoder is thread-safe).</summary>
    public static LoanApplicationDecoder Shared { get; } = new();

    private protected override bool Parse(ReadOnlySpan<byte> value, [NotNullWhen(true)] out LoanApplication? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        Span<byte> scratch = stackalloc byte[JsonFieldReader.ScratchLength];
        scoped var reader = JsonFieldReader.CreateReader(value);
        if (!JsonFieldReader.TryReadStartObject(ref reader, out error))
        {
            return false;
        }

        var seen = 0;
        string? applicationId = null, channel = null, product = null, purpose = null, device = null, ip = null, decision = null;
        long customerId = 0;
        int termMonths = 0, creditScore = 0;
        decimal loanAmount = 0, income = 0, debt = 0, employment = 0, duration = 0, processing = 0;
        double identity = 0;
        bool? isFraud = null;
        var timestamp = default(EventTime);

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Identify(JsonFieldReader.PropertyName(ref reader, scratch));
            reader.Read();
            error = field switch
            {
                Field.ApplicationId => JsonFieldReader.ReadText(ref reader, "application_id", nonEmpty: true, null, out applicationId),
                Field.CustomerId => JsonFieldReader.ReadId(ref reader, "customer_id", scratch, out customerId),
                Field.Timestamp => JsonFieldReader.ReadEventTime(ref reader, "timestamp", scratch, out timestamp),
                Field.Channel => JsonFieldReader.ReadChoice(ref reader, "channel", LoanChannels.All, out channel),
                Field.Product => JsonFieldReader.ReadChoice(ref reader, "product", LoanProducts.All, out product),
                Field.LoanPurpose => JsonFieldReader.ReadText(ref reader, "loan_purpose", nonEmpty: false, _pool, out purpose),
                Field.LoanAmount => JsonFieldReader.ReadPositiveDecimal(ref reader, "loan_amount", out loanAmount),
                Field.TermMonths => JsonFieldReader.ReadInt32(ref reader, "term_months", 1, out termMonths),
                Field.AnnualIncome => JsonFieldReader.ReadPositiveDecimal(ref reader, "annual_income", out income),
                Field.MonthlyDebt => JsonFieldReader.ReadNonNegativeDecimal(ref reader, "monthly_debt", out debt),
                Field.CreditScore => ReadCreditScore(ref reader, out creditScore),
                Field.EmploymentYears => JsonFieldReader.ReadNonNegativeDecimal(ref reader, "employment_years", out employment),
                Field.IdentityVerificationScore => JsonFieldReader.ReadDouble(ref reader, "identity_verification_score", 0, 1, out identity),
                Field.DeviceId => JsonFieldReader.ReadText(ref reader, "device_id", nonEmpty: true, null, out device),
                Field.IpAddress => JsonFieldReader.ReadText(ref reader, "ip_address", nonEmpty: false, null, out ip),
                Field.ApplicationDuration => JsonFieldReader.ReadNonNegativeDecimal(ref reader, "application_duration_s", out duration),
                Field.Decision => JsonFieldReader.ReadChoice(ref reader, "decision", LoanDecisions.All, out decision),
                Field.ProcessingTime => JsonFieldReader.ReadNonNegativeDecimal(ref reader, "processing_time_s", out processing),
                Field.IsFraud => JsonFieldReader.ReadOptionalBoolean(ref reader, "is_fraud", out isFraud),
                _ => JsonFieldReader.Skip(ref reader),
            };
            if (error is not null)
            {
                return false;
            }

            seen |= 1 << (int)field;
        }

        JsonFieldReader.ReadToEnd(ref reader);
        if ((seen & AllRequired) != AllRequired)
        {
            error = JsonFieldReader.MissingField(seen, AllRequired, Names);
            return false;
        }

        result = new LoanApplication
        {
            ApplicationId = applicationId!,
            CustomerId = new CustomerId(customerId),
            Timestamp = timestamp,
            Channel = channel!,
            Product = product!,
            LoanPurpose = purpose!,
            LoanAmount = loanAmount,
            TermMonths = termMonths,
            AnnualIncome = income,
            MonthlyDebt = debt,
            CreditScore = creditScore,
            EmploymentYears = employment,
            IdentityVerificationScore = identity,
            DeviceId = device!,
            IpAddress = ip!,
            ApplicationDurationSeconds = duration,
            Decision = decision!,
            ProcessingTimeSeconds = processing,
            IsFraud = isFraud,
        };
        error = null;
        return true;
    }

    private static string? ReadCreditScore(ref Utf8JsonReader reader, out int score)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out score) && score is >= 300 and <= 850)
        {
            return null;
        }

        score = 0;
        return $"field \"credit_score\" must be an integer from 300 to 850, got {JsonFieldReader.Shown(ref reader)}";
    }

    private static Field Identify(ReadOnlySpan<byte> name) => name.Length switch
    {
        14 when name.SequenceEqual("application_id"u8) => Field.ApplicationId,
        11 when name.SequenceEqual("customer_id"u8) => Field.CustomerId,
        9 when name.SequenceEqual("timestamp"u8) => Field.Timestamp,
        7 when name.SequenceEqual("channel"u8) => Field.Channel,
        7 when name.SequenceEqual("product"u8) => Field.Product,
        12 when name.SequenceEqual("loan_purpose"u8) => Field.LoanPurpose,
        12 when name.SequenceEqual("credit_score"u8) => Field.CreditScore,
        11 when name.SequenceEqual("loan_amount"u8) => Field.LoanAmount,
        11 when name.SequenceEqual("term_months"u8) => Field.TermMonths,
        13 when name.SequenceEqual("annual_income"u8) => Field.AnnualIncome,
        12 when name.SequenceEqual("monthly_debt"u8) => Field.MonthlyDebt,
        16 when name.SequenceEqual("employment_years"u8) => Field.EmploymentYears,
        27 when name.SequenceEqual("identity_verification_score"u8) => Field.IdentityVerificationScore,
        9 when name.SequenceEqual("device_id"u8) => Field.DeviceId,
        10 when name.SequenceEqual("ip_address"u8) => Field.IpAddress,
        22 when name.SequenceEqual("application_duration_s"u8) => Field.ApplicationDuration,
        8 when name.SequenceEqual("decision"u8) => Field.Decision,
        17 when name.SequenceEqual("processing_time_s"u8) => Field.ProcessingTime,
        8 when name.SequenceEqual("is_fraud"u8) => Field.IsFraud,
        _ => Field.Unknown,
    };
}
