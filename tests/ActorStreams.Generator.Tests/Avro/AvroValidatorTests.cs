using System.Text;
using System.Text.Json;
using ActorStreams.Generator.Avro;
using ActorStreams.Generator.Tests.Support;

namespace ActorStreams.Generator.Tests.Avro;

[Trait("Category", "Unit")]
public sealed class AvroValidatorTests
{
    private const string ValidTransaction = """
        {"transaction_id": "t-1", "customer_id": 17, "merchant_id": "m-books-001", "merchant_category": "books",
         "amount": 12.5, "currency": "EUR", "payment_method": "credit_card", "device_id": "dev-1", "ip_address": "10.0.0.1",
         "latitude": 48.8566, "longitude": 2.3522, "country": "FR", "city": "Paris", "timestamp": "2026-11-22T05:17:29.123Z", "is_fraud": false}
        """;

    private static readonly Lazy<AvroSchema> Transactions = new(() => AvroSchema.Load(RepositoryPaths.TopicSchema("transactions")));

    [Fact]
    public void Validate_ValidTransaction_HasNoErrors()
    {
        Assert.Empty(AvroValidator.Validate(Transactions.Value, Json(ValidTransaction), "transactions"));
    }

    [Fact]
    public void Validate_WrongType_NamesTheFieldPathAndBothTypes()
    {
        var errors = AvroValidator.Validate(Transactions.Value, Json(ValidTransaction.Replace("12.5", "\"12.5\"", StringComparison.Ordinal)), "transactions");

        Assert.Equal("transactions.amount: expected double, got string", Assert.Single(errors).ToString());
    }

    [Fact]
    public void Validate_RootPath_DefaultsToTheRecordName()
    {
        var errors = AvroValidator.Validate(Transactions.Value, Json(ValidTransaction.Replace("\"customer_id\": 17", "\"customer_id\": \"17\"", StringComparison.Ordinal)));

        Assert.Equal("Transaction.customer_id: expected long, got string", Assert.Single(errors).ToString());
    }

    [Fact]
    public void Validate_MissingRequiredField_IsReportedAndMissingOptionalFieldsAreNot()
    {
        var record = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(ValidTransaction)!;
        record.Remove("amount");
        record.Remove("latitude");
        record.Remove("is_fraud");

        var errors = AvroValidator.Validate(Transactions.Value, JsonSerializer.SerializeToElement(record), "transactions");

        Assert.Equal("transactions.amount: missing required field (double, no default)", Assert.Single(errors).ToString());
    }

    [Fact]
    public void Validate_FieldTheRecordDoesNotDeclare_IsReported()
    {
        var errors = AvroValidator.Validate(Transactions.Value, Json(ValidTransaction.Replace("{", "{\"extra\": 1, ", StringComparison.Ordinal)), "transactions");

        Assert.Equal("transactions.extra: unexpected field (record actorstreams.events.Transaction has no such field)", Assert.Single(errors).ToString());
    }

    [Fact]
    public void Validate_NullForOptionalAndRequiredFields_AcceptsOnlyTheOptionalOnes()
    {
        var withNulls = ValidTransaction
            .Replace("48.8566", "null", StringComparison.Ordinal)
            .Replace("\"Paris\"", "null", StringComparison.Ordinal)
            .Replace("\"dev-1\"", "null", StringComparison.Ordinal);

        var errors = AvroValidator.Validate(Transactions.Value, Json(withNulls), "transactions");

        Assert.Equal("transactions.device_id: expected string, got null", Assert.Single(errors).ToString());
    }

    [Fact]
    public void Validate_OptionalFieldOfTheWrongType_ReportsTheBranchOfThatKind()
    {
        var errors = AvroValidator.Validate(Transactions.Value, Json(ValidTransaction.Replace("false", "\"no\"", StringComparison.Ordinal)), "transactions");

        Assert.Equal("transactions.is_fraud: expected one of [null, boolean], got string", Assert.Single(errors).ToString());
    }

    [Theory]
    [InlineData("int", "3000000000", "expected int, got number 3000000000")]
    [InlineData("int", "1.5", "expected int, got number 1.5")]
    [InlineData("long", "1e3", "expected long, got number 1e3")]
    [InlineData("float", "1e39", "expected float, got number 1e39")]
    [InlineData("boolean", "0", "expected boolean, got number 0")]
    [InlineData("null", "false", "expected null, got boolean")]
    [InlineData("string", "{}", "expected string, got object")]
    [InlineData("""{"type": "array", "items": "int"}""", "[1, \"2\"]", "v[1]: expected int, got string")]
    [InlineData("""{"type": "map", "values": "long"}""", """{"a": 1, "b": true}""", "v[\"b\"]: expected long, got boolean")]
    [InlineData("""{"type": "enum", "name": "E", "symbols": ["A", "B"]}""", "\"C\"", "expected enum E (one of A, B), got \"C\"")]
    [InlineData("""{"type": "fixed", "name": "F", "size": 2}""", "\"abc\"", "expected fixed F(2), got 3 bytes")]
    [InlineData("bytes", "\"\\u0100\"", "got a string with the character U+0100")]
    [InlineData("""{"type": "string", "logicalType": "uuid"}""", "\"not-a-uuid\"", "(not a UUID)")]
    [InlineData("""{"type": "bytes", "logicalType": "decimal", "precision": 5, "scale": 2}""", "1.234", "(more than 2 decimals)")]
    [InlineData("""{"type": "bytes", "logicalType": "decimal", "precision": 5, "scale": 2}""", "1234.5", "(more than 5 digits)")]
    [InlineData("""{"type": "int", "logicalType": "time-millis"}""", "86400000", "(not a time of day in milliseconds)")]
    public void Validate_ValueOfTheWrongShape_SaysWhatWasExpectedAndWhatCame(string schema, string value, string expected)
    {
        var parsed = AvroSchema.Parse(schema.StartsWith('{') ? schema : $"\"{schema}\"");

        var errors = AvroValidator.Validate(parsed, Json(value), "v");

        Assert.Contains(expected, Assert.Single(errors).ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type": "bytes", "logicalType": "decimal", "precision": 5, "scale": 2}""", "123.45")]
    [InlineData("""{"type": "bytes", "logicalType": "decimal", "precision": 5, "scale": 2}""", "\"\\u0001\\u00ff\"")]
    [InlineData("""{"type": "fixed", "name": "F", "size": 2}""", "\"\\u0000\\u00e9\"")]
    [InlineData("""{"type": "string", "logicalType": "uuid"}""", "\"6f1c2a9e-3b1d-4c8e-9f00-1a2b3c4d5e6f\"")]
    [InlineData("""["null", "int", {"type": "array", "items": "string"}]""", "[\"a\"]")]
    [InlineData("float", "3")]
    public void Validate_ValueOfTheRightShape_HasNoErrors(string schema, string value)
    {
        var parsed = AvroSchema.Parse(schema.StartsWith('{') || schema.StartsWith('[') ? schema : $"\"{schema}\"");

        Assert.Empty(AvroValidator.Validate(parsed, Json(value), "v"));
    }

    [Fact]
    public void Validate_DeepError_NamesThePathThroughUnionsArraysAndMaps()
    {
        var schema = AvroSchema.Load(Path.Combine(RepositoryPaths.AvroConformance, "RecordWithRequiredFields.avsc"));
        var value = Json("""
            {"strField": "s", "unionField": {"strField": "u", "arrayField": [
              {"strField": "a0", "mapField": {}},
              {"strField": "a1", "mapField": {"k": {"enumField": "Z", "strField": "m"}}}]}}
            """);

        var error = Assert.Single(AvroValidator.Validate(schema, value));

        Assert.Equal("RecordWithRequiredFields.unionField.arrayField[1].mapField[\"k\"].enumField", error.Path);
        Assert.Equal("expected enum org.apache.avro.MapRecordEnum (one of A, B), got \"Z\"", error.Message);
    }

    [Fact]
    public void Validate_RecursiveInteropRecord_IsValid()
    {
        var schema = AvroSchema.Load(Path.Combine(RepositoryPaths.AvroConformance, "interop.avsc"));
        var value = Json("""
            {"intField": 1, "longField": 2, "stringField": "s", "boolField": true, "floatField": 1.5, "doubleField": 2.5,
             "bytesField": "\u0000\u00ff", "nullField": null, "arrayField": [1.0, 2], "mapField": {"a": {"label": "x"}},
             "unionField": [""], "enumField": "B", "fixedField": "0123456789abcdef",
             "recordField": {"label": "root", "children": [{"label": "leaf", "children": []}]},
             "timeMillisField": 5, "timeMicrosField": 6, "timestampMillisField": 7, "timestampMicrosField": 8,
             "localTimestampMillisField": 9, "localTimestampMicrosField": 10}
            """);

        Assert.Empty(AvroValidator.Validate(schema, value));
    }

    [Fact]
    public void Validate_TextThatIsNotJson_GivesOneErrorAtTheRoot()
    {
        var errors = AvroValidator.Validate(Transactions.Value, Encoding.UTF8.GetBytes("{\"amount\": "), "transactions");

        Assert.StartsWith("transactions: not valid JSON", Assert.Single(errors).ToString(), StringComparison.Ordinal);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
