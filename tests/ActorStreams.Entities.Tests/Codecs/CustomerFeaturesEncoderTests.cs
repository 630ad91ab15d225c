using System.Text;
using System.Text.Json;
using ActorStreams.Domain;
using ActorStreams.Domain.Behaviour;
using ActorStreams.Entities.Codecs;
using ActorStreams.Entities.Tests.Support;

namespace ActorStreams.Entities.Tests.Codecs;

[Trait("Category", "Unit")]
public sealed class CustomerFeaturesEncoderTests
{
    [Fact]
    public void Encode_PurchaseFeatures_WritesTheIdsAndEveryFeatureByNameInSchemaOrder()
    {
        var state = new BehaviourState(BehaviourSettings.Default);
        var parser = new CustomerEventParser();
        foreach (var (id, minute, type) in new[] { ("ev-1", 0, "view"), ("ev-2", 3, "add_to_cart"), ("ev-3", 5, "purchase") })
        {
            var line = $$"""{"event_id":"{{id}}","customer_id":17,"session_id":"s","timestamp":"2026-03-02T09:0{{minute}}:00.000Z","type":"{{type}}","product_id":"p-1","category":"books","price":12.5,"quantity":2,"device":"mobile"}""";
            Assert.True(parser.TryParse(Encoding.UTF8.GetBytes(line), out var e, out var error, out _), error);
            state.Apply(e);
        }

        var asOf = EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 3, 2, 9, 5, 0, TimeSpan.Zero));
        var record = new CustomerFeaturesRecord
        {
            FeaturesId = CustomerFeaturesRecord.IdOf("ev-3", ChurnModelAlert.Purchase),
            CustomerId = 17,
            EventId = "ev-3",
            Trigger = ChurnModelAlert.Purchase,
            AsOf = asOf,
            Features = state.Compute(asOf),
        };

        var json = new CustomerFeaturesEncoder().Encode(record);

        SchemaAssert.Conforms("customer-features", json);
        SchemaAssert.HasSchemaFieldOrder("customer-features", json);
        var root = JsonDocument.Parse(json).RootElement;
        Assert.Equal("ev-3:features:purchase", root.GetProperty("features_id").GetString());
        Assert.Equal(("ev-3", "purchase", "2026-03-02T09:05:00.000Z"), (root.GetProperty("event_id").GetString(), root.GetProperty("trigger").GetString(), root.GetProperty("as_of").GetString()));
        Assert.All(BehaviourFeatures.FeatureNames, name => Assert.True(root.TryGetProperty(name, out _), name));
        Assert.Equal(25m, root.GetProperty("monetary_90d").GetDecimal());
        Assert.Equal(1, root.GetProperty("frequency_90d").GetInt64());
        Assert.Equal("books", root.GetProperty("top_categories")[0].GetProperty("category").GetString());
        Assert.Equal("mobile", root.GetProperty("device_preference").GetString());
    }
}
