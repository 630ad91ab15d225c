using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using ActorStreams.IntegrationTests.Support;

namespace ActorStreams.IntegrationTests.Oracle;

/// <summary>
/// The oracle's own reading of <c>loan-applications</c> (docs/design.md §5, schemas/loan-applications.avsc) with
/// <see cref="JsonDocument"/>: a UTF-8 JSON object with every required field of the right JSON type and in range, the
/// enumerations spelled as §5 lists them, and a decimal key equal to <c>customer_id</c>. Anything else is a dead letter.
/// </summary>
public static class LoanInputValidation
{
    public static readonly string[] Channels = ["web", "mobile", "branch", "partner", "call_center"];

    public static readonly string[] Products = ["personal", "auto", "mortgage", "student", "business"];

    public static readonly string[] Decisions = ["approved", "rejected", "pending"];

    /// <summary>Reads a loan application, or says why it is invalid.</summary>
    public static bool TryApplication(TopicRecord record, [NotNullWhen(true)] out LoanApplicationInput? application, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(record);
        application = null;
        if (!TryObject(record, out var json, out reason))
        {
            return false;
        }

        var problems = new List<string>();
        var id = String(json, "application_id", problems, nonEmpty: true);
        var customer = Long(json, "customer_id", problems);
        var time = Instant(json, "timestamp", problems);
        var channel = OneOf(json, "channel", Channels, problems);
        var product = OneOf(json, "product", Products, problems);
        var purpose = String(json, "loan_purpose", problems);
        var amount = Number(json, "loan_amount", problems);
        var term = Int(json, "term_months", problems);
        var income = Number(json, "annual_income", problems);
        var debt = Number(json, "monthly_debt", problems);
        var credit = Int(json, "credit_score", problems);
        var employment = Number(json, "employment_years", problems);
        var identity = Number(json, "identity_verification_score", problems);
        var device = String(json, "device_id", problems, nonEmpty: true);
        var ip = String(json, "ip_address", problems);
        var duration = Number(json, "application_duration_s", problems);
        var decision = OneOf(json, "decision", Decisions, problems);
        var processing = Number(json, "processing_time_s", problems);
        var isFraud = OptionalBool(json, "is_fraud", problems);

        const decimal max = InputValidation.MaxAmount;
        Require(amount is not ({ Exact: <= 0 } or { Exact: > max }), "loan_amount must be > 0 and at most 1e12", problems);
        Require(term is not < 1, "term_months must be ≥ 1", problems);
        Require(income is not ({ Exact: <= 0 } or { Exact: > max }), "annual_income must be > 0 and at most 1e12", problems);
        Require(debt is not ({ Exact: < 0 } or { Exact: > max }), "monthly_debt must be ≥ 0 and at most 1e12", problems);
        Require(credit is not (< 300 or > 850), "credit_score must be in 300–850", problems);
        Require(employment is not ({ Exact: < 0 } or { Exact: > max }), "employment_years must be ≥ 0 and at most 1e12", problems);
        Require(identity is not ({ Exact: < 0 } or { Exact: > 1 }), "identity_verification_score must be in [0, 1]", problems);
        Require(duration is not ({ Exact: < 0 } or { Exact: > max }), "application_duration_s must be ≥ 0 and at most 1e12", problems);
        Require(processing is not ({ Exact: < 0 } or { Exact: > max }), "processing_time_s must be ≥ 0 and at most 1e12", problems);
        if (problems.Count > 0)
        {
            reason = string.Join("; ", problems);
            return false;
        }

        if (!InputValidation.TryKey(record, out var key, out reason))
        {
            return false;
        }

        if (key != customer!.Value)
        {
            reason = $"key {key} differs from customer_id {customer.Value}";
            return false;
        }

        reason = InputValidation.EventTimeProblem(record, time!.Value);
        if (reason is not null)
        {
            return false;
        }

        application = new LoanApplicationInput
        {
            Partition = record.Partition,
            Offset = record.Offset,
            ApplicationId = id!,
            CustomerId = customer.Value,
            Timestamp = time!.Value,
            Channel = channel!,
            Product = product!,
            LoanPurpose = purpose!,
            LoanAmount = amount!.Value,
            TermMonths = term!.Value,
            AnnualIncome = income!.Value,
            MonthlyDebt = debt!.Value,
            CreditScore = credit!.Value,
            EmploymentYears = employment!.Value,
            IdentityVerificationScore = identity!.Value,
            DeviceId = device!,
            IpAddress = ip!,
            ApplicationDurationS = duration!.Value,
            Decision = decision!,
            ProcessingTimeS = processing!.Value,
            IsFraud = isFraud,
        };
        return true;
    }

    private static void Require(bool condition, string problem, List<string> problems)
    {
        if (!condition)
        {
            problems.Add(problem);
        }
    }

    private static bool TryObject(TopicRecord record, out JsonElement json, [NotNullWhen(false)] out string? reason)
    {
        json = default;
        if (record.Value is not { } value)
        {
            reason = "tombstone where a record is expected";
            return false;
        }

        if (!Utf8.IsValid(value))
        {
            reason = "not UTF-8";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(value);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                reason = $"not a JSON object: {Encoding.UTF8.GetString(value)}";
                return false;
            }

            json = document.RootElement.Clone();
            reason = null;
            return true;
        }
        catch (JsonException ex)
        {
            reason = $"not JSON: {ex.Message}";
            return false;
        }
    }

    private static bool TryField(JsonElement json, string name, List<string> problems, out JsonElement value)
    {
        if (json.TryGetProperty(name, out value))
        {
            return true;
        }

        problems.Add($"missing {name}");
        return false;
    }

    private static string? String(JsonElement json, string name, List<string> problems, bool nonEmpty = false)
    {
        if (!TryField(json, name, problems, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || (nonEmpty && value.GetString()!.Length == 0))
        {
            problems.Add($"{name} must be a{(nonEmpty ? " non-empty" : string.Empty)} string");
            return null;
        }

        return value.GetString();
    }

    private static string? OneOf(JsonElement json, string name, string[] allowed, List<string> problems)
    {
        var text = String(json, name, problems);
        if (text is not null && !allowed.Contains(text, StringComparer.Ordinal))
        {
            problems.Add($"{name} \"{text}\" is not one of {string.Join(", ", allowed)}");
            return null;
        }

        return text;
    }

    private static long? Long(JsonElement json, string name, List<string> problems)
    {
        if (!TryField(json, name, problems, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var result))
        {
            problems.Add($"{name} must be an integer");
            return null;
        }

        return result;
    }

    private static int? Int(JsonElement json, string name, List<string> problems)
    {
        if (!TryField(json, name, problems, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var result))
        {
            problems.Add($"{name} must be an integer");
            return null;
        }

        return result;
    }

    private static JsonNumber? Number(JsonElement json, string name, List<string> problems)
    {
        if (!TryField(json, name, problems, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            problems.Add($"{name} must be a number");
            return null;
        }

        if (!value.TryGetDecimal(out var exact))
        {
            // Valid per §5 perhaps, but the oracle's exact sums need decimals: keep such numbers out of test input.
            throw new InvalidOperationException($"the oracle needs numbers that fit a decimal; {name} is {value.GetRawText()}");
        }

        return new JsonNumber(exact, value.GetDouble());
    }

    private static DateTimeOffset? Instant(JsonElement json, string name, List<string> problems)
    {
        if (!TryField(json, name, problems, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || !InputValidation.TryParseInstant(value.GetString()!, out var instant))
        {
            problems.Add($"{name} must be an ISO-8601 timestamp");
            return null;
        }

        return instant;
    }

    private static bool? OptionalBool(JsonElement json, string name, List<string> problems)
    {
        if (!json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        problems.Add($"{name} has the wrong type");
        return null;
    }
}
