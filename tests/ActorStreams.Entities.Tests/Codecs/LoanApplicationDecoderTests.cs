using System.Text;
using ActorStreams.Domain;
using ActorStreams.Domain.Loans;
using ActorStreams.Entities.Codecs;
using ActorStreams.Entities.Tests.Support;

namespace ActorStreams.Entities.Tests.Codecs;

[Trait("Category", "Unit")]
public sealed class LoanApplicationDecoderTests
{
    public const string Valid =
        """{"application_id":"la-42-000001","customer_id":42,"timestamp":"2026-01-01T00:00:05.250Z","channel":"mobile","product":"auto","loan_purpose":"car","loan_amount":18500.00,"term_months":60,"annual_income":72000.50,"monthly_debt":640.25,"credit_score":702,"employment_years":3.5,"identity_verification_score":0.912,"device_id":"dev-42-1","ip_address":"10.1.2.3","application_duration_s":412.7,"decision":"approved","processing_time_s":38.2,"is_fraud":false}""";

    private readonly LoanApplicationDecoder _decoder = new();

    [Fact]
    public void TryDecode_ValidRecord_ReadsEveryField()
    {
        Assert.True(_decoder.TryDecode(Encoding.UTF8.GetBytes(Valid), out var application, out var error), error);

        Assert.Equal(
            new LoanApplication
            {
                ApplicationId = "la-42-000001",
                CustomerId = new CustomerId(42),
                Timestamp = EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 5, 250, TimeSpan.Zero)),
                Channel = "mobile",
                Product = "auto",
                LoanPurpose = "car",
                LoanAmount = 18500.00m,
                TermMonths = 60,
                AnnualIncome = 72000.50m,
                MonthlyDebt = 640.25m,
                CreditScore = 702,
                EmploymentYears = 3.5m,
                IdentityVerificationScore = 0.912,
                DeviceId = "dev-42-1",
                IpAddress = "10.1.2.3",
                ApplicationDurationSeconds = 412.7m,
                Decision = "approved",
                ProcessingTimeSeconds = 38.2m,
                IsFraud = false,
            },
            application);
    }

    [Fact]
    public void TestRecord_Valid_ConformsToTheTopicSchema() => SchemaAssert.Conforms("loan-applications", Encoding.UTF8.GetBytes(Valid));

    [Fact]
    public void TryDecode_WithoutIsFraudAndWithUnknownFields_Decodes()
    {
        var json = Valid.Replace(",\"is_fraud\":false", ",\"extra\":{\"x\":[1,2]}", StringComparison.Ordinal);

        Assert.True(_decoder.TryDecode(Encoding.UTF8.GetBytes(json), out var application, out var error), error);
        Assert.Null(application.IsFraud);
    }

    [Theory]
    [InlineData("\"channel\":\"mobile\"", "\"channel\":\"Mobile\"", "field \"channel\" must be one of web, mobile, branch, partner, call_center, got \"Mobile\"")]
    [InlineData("\"product\":\"auto\"", "\"product\":\"boat\"", "field \"product\" must be one of personal, auto, mortgage, student, business, got \"boat\"")]
    [InlineData("\"decision\":\"approved\"", "\"decision\":1", "field \"decision\" must be one of approved, rejected, pending, got 1")]
    [InlineData("\"credit_score\":702", "\"credit_score\":299", "field \"credit_score\" must be an integer from 300 to 850, got 299")]
    [InlineData("\"credit_score\":702", "\"credit_score\":851", "field \"credit_score\" must be an integer from 300 to 850, got 851")]
    [InlineData("\"credit_score\":702", "\"credit_score\":702.5", "field \"credit_score\" must be an integer from 300 to 850, got 702.5")]
    [InlineData("\"annual_income\":72000.50", "\"annual_income\":0", "field \"annual_income\" must be a number > 0 and at most 1e12, got 0")]
    [InlineData("\"loan_amount\":18500.00", "\"loan_amount\":-1", "field \"loan_amount\" must be a number > 0 and at most 1e12, got -1")]
    [InlineData("\"monthly_debt\":640.25", "\"monthly_debt\":-0.01", "field \"monthly_debt\" must be a number >= 0 and at most 1e12, got -0.01")]
    [InlineData("\"identity_verification_score\":0.912", "\"identity_verification_score\":1.01", "field \"identity_verification_score\" must be a number between 0 and 1, got 1.01")]
    [InlineData("\"term_months\":60", "\"term_months\":0", "field \"term_months\" must be a 32-bit integer >= 1, got 0")]
    [InlineData("\"application_duration_s\":412.7", "\"application_duration_s\":\"fast\"", "field \"application_duration_s\" must be a number >= 0 and at most 1e12, got \"fast\"")]
    [InlineData("\"device_id\":\"dev-42-1\"", "\"device_id\":\"\"", "field \"device_id\" must be a non-empty string, got \"\"")]
    public void TryDecode_InvalidValue_NamesTheFieldAndTheValue(string field, string replacement, string expected)
    {
        var json = Valid.Replace(field, replacement, StringComparison.Ordinal);
        Assert.NotEqual(Valid, json);

        Assert.False(_decoder.TryDecode(Encoding.UTF8.GetBytes(json), out _, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("\"decision\":\"approved\",")]
    [InlineData("\"processing_time_s\":38.2,")]
    [InlineData("\"application_id\":\"la-42-000001\",")]
    public void TryDecode_MissingRequiredField_NamesIt(string removed)
    {
        var json = Valid.Replace(removed, string.Empty, StringComparison.Ordinal);

        Assert.False(_decoder.TryDecode(Encoding.UTF8.GetBytes(json), out _, out var error));
        Assert.Contains(removed.Split(':')[0].Trim('"'), error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDecode_NotJson_Fails()
    {
        Assert.False(_decoder.TryDecode("{not json"u8, out _, out var error));
        Assert.StartsWith("value is not valid JSON", error, StringComparison.Ordinal);
    }
}
