using System.Text;
using ActorStreams.Domain;
using ActorStreams.Domain.Behaviour;
using ActorStreams.Entities.Codecs;
using ActorStreams.Entities.Tests.Support;

namespace ActorStreams.Entities.Tests.Codecs;

[Trait("Category", "Unit")]
public sealed class ChurnModelAlertEncoderTests
{
    private static readonly ChurnModelAlert Alert = new()
    {
        AlertId = "ev-9:CHURN_MODEL",
        CustomerId = 1044,
        EventId = "ev-9",
        Trigger = ChurnModelAlert.SessionEnd,
        ModelScore = 0.6125,
        PreviousScore = 0.3311,
        Threshold = 0.41,
        Model = "fast_tree",
        ModelVersion = "9a3c51e07b2d",
        EventTime = EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 7, 31, 12, 1, TimeSpan.Zero)),
        DetectedAt = EventTime.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 9, 2, 40, 310, TimeSpan.Zero)),
    };

    [Fact]
    public void Encode_Alert_WritesTheContractJsonOfAModelAlert()
    {
        var json = new ChurnModelAlertEncoder().Encode(Alert);

        Assert.Equal(
            """{"alert_id":"ev-9:CHURN_MODEL","rule":"CHURN_MODEL","customer_id":1044,"event_id":"ev-9","trigger":"session_end","score":0.6125,"model_score":0.6125,"previous_score":0.3311,"threshold":0.41,"model":"fast_tree","model_version":"9a3c51e07b2d","event_time":"2026-01-01T07:31:12.001Z","detected_at":"2026-01-01T09:02:40.310Z"}""",
            Encoding.UTF8.GetString(json));
        SchemaAssert.Conforms("churn-alerts", json);
        SchemaAssert.HasSchemaFieldOrder("churn-alerts", json);
    }
}
