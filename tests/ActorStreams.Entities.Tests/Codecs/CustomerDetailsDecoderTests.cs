using System.Text;
using ActorStreams.Domain;
using ActorStreams.Entities.Codecs;
using ActorStreams.Entities.Tests.Support;

namespace ActorStreams.Entities.Tests.Codecs;

[Trait("Category", "Unit")]
public sealed class CustomerDetailsDecoderTests
{
    public const string Valid =
        """{"customer_id":42,"first_name":"Ada","last_name":"Lovelace","email":"ada@example.com","gender":"Female","income":85000,"fico":742,"years_active":6}""";

    private readonly CustomerDetailsDecoder _decoder = new();

    [Fact]
    public void TryDecode_ValidRecord_ReadsEveryField()
    {
        Assert.True(_decoder.TryDecode(Encoding.UTF8.GetBytes(Valid), out var details, out var error), error);

        Assert.Equal(
            new ActorStreams.Domain.Events.CustomerDetails
            {
                CustomerId = new CustomerId(42),
                FirstName = "Ada",
                LastName = "Lovelace",
                Email = "ada@example.com",
                Gender = "Female",
                Income = 85000,
                Fico = 742,
                YearsActive = 6,
            },
            details);
    }

    [Fact]
    public void TestRecord_Valid_ConformsToTheTopicSchema()
    {
        SchemaAssert.Conforms("customer-details", Encoding.UTF8.GetBytes(Valid));
    }

    [Fact]
    public void TryDecode_CustomerIdAsDigitString_ReadsIt()
    {
        Assert.True(_decoder.TryDecode(Encoding.UTF8.GetBytes(Valid.Replace("\"customer_id\":42", "\"customer_id\":\"42\"", StringComparison.Ordinal)), out var details, out var error), error);

        Assert.Equal(42, details.CustomerId.Value);
    }

    [Theory]
    [InlineData("\"customer_id\":42", "\"customer_id\":\"-\"", "field \"customer_id\" must be an integer, got \"-\"")]
    [InlineData("\"income\":85000", "\"income\":\"85000\"", "field \"income\" must be an integer, got \"85000\"")]
    [InlineData("\"income\":85000", "\"income\":85000.5", "field \"income\" must be an integer, got 85000.5")]
    [InlineData("\"fico\":742", "\"fico\":3000000000", "field \"fico\" must be a 32-bit integer, got 3000000000")]
    [InlineData("\"years_active\":6", "\"years_active\":null", "field \"years_active\" must be a 32-bit integer, got null")]
    [InlineData("\"gender\":\"Female\"", "\"gender\":false", "field \"gender\" must be a string, got false")]
    [InlineData("\"email\":\"ada@example.com\"", "\"email\":{}", "field \"email\" must be a string, got an object")]
    public void TryDecode_WrongType_NamesTheFieldAndTheValue(string field, string replacement, string expected)
    {
        Assert.False(_decoder.TryDecode(Encoding.UTF8.GetBytes(Valid.Replace(field, replacement, StringComparison.Ordinal)), out _, out var error));

        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("\"customer_id\":42,", "customer_id")]
    [InlineData("\"first_name\":\"Ada\",", "first_name")]
    [InlineData("\"last_name\":\"Lovelace\",", "last_name")]
    [InlineData("\"email\":\"ada@example.com\",", "email")]
    [InlineData("\"gender\":\"Female\",", "gender")]
    [InlineData("\"income\":85000,", "income")]
    [InlineData("\"fico\":742,", "fico")]
    [InlineData(",\"years_active\":6", "years_active")]
    public void TryDecode_MissingRequiredField_NamesIt(string field, string name)
    {
        Assert.False(_decoder.TryDecode(Encoding.UTF8.GetBytes(Valid.Replace(field, string.Empty, StringComparison.Ordinal)), out _, out var error));

        Assert.Equal($"missing required field \"{name}\"", error);
    }

    [Fact]
    public void TryDecode_Gender_IsInterned()
    {
        Assert.True(_decoder.TryDecode(Encoding.UTF8.GetBytes(Valid), out var first, out _));
        Assert.True(_decoder.TryDecode(Encoding.UTF8.GetBytes(Valid.Replace("\"customer_id\":42", "\"customer_id\":43", StringComparison.Ordinal)), out var second, out _));

        Assert.Same(first.Gender, second.Gender);
    }

    [Fact]
    public void TryDecode_Tombstone_IsEmpty()
    {
        Assert.False(_decoder.TryDecode([], out _, out var error));

        Assert.Equal("value is empty", error);
    }
}
