using System.Text.Encodings.Web;
using System.Text.Json;
using ActorStreams.Domain.Behaviour;

namespace ActorStreams.Churn.Internal;

/// <summary>
/// <c>&lt;out&gt;.metrics.json</c>: written with fixed key order and rounding, so the same run gives the same bytes, and
/// read back by <see cref="ChurnModel.Load"/>. NaN (undefined) figures are <c>null</c>.
/// </summary>
internal static class MetricsJson
{
    public const string ImportanceMethod =
        "permutation importance on the validation set: the drop in ROC-AUC when the feature's column is shuffled (one seeded shuffle)";

    public const string RuleDescription =
        "proxy of the product's churn rule (docs/design.md §6 Churn): customer-events carry no propensity_to_churn, so the EWMA (alpha 0.3) " +
        "runs over the per-session signal s = 1 for a session without a purchase (no_purchase_session_ewma as of T); flagged when > 0.7";

    private const int Decimals = 6;

    public static byte[] Write(ChurnReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("model_version", report.ModelVersion);
            json.WriteString("chosen", report.Chosen);
            json.WriteNumber("threshold", report.Threshold);
            json.WriteString("as_of", report.AsOf.ToIsoString());
            json.WriteNumber("horizon_days", report.HorizonDays);
            json.WriteNumber("seed", report.Seed);
            json.WriteStartArray("features");
            foreach (var name in BehaviourFeatures.FeatureNames)
            {
                json.WriteStringValue(name);
            }

            json.WriteEndArray();
            WriteSettings(json, report.FeatureSettings);
            Counts(json, "train", report.Train);
            Counts(json, "validation", report.Validation);
            Counts(json, "test", report.Test);
            json.WriteStartArray("models");
            foreach (var model in report.Models)
            {
                Metrics(json, null, model);
            }

            json.WriteEndArray();
            Metrics(json, "rule", report.Rule);
            json.WriteString("feature_importance_method", ImportanceMethod);
            WriteData(json, report.Data);
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>The JSON form of the feature settings, compared when a model is loaded against the serving settings.</summary>
    public static void WriteSettings(Utf8JsonWriter json, BehaviourSettings settings)
    {
        json.WriteStartObject("feature_settings");
        json.WriteNumber("session_gap_minutes", settings.SessionGap.TotalMinutes);
        json.WriteNumber("window_days", settings.WindowDays);
        json.WriteNumber("short_window_days", settings.ShortWindowDays);
        json.WriteNumber("session_ewma_alpha", settings.SessionEwmaAlpha);
        json.WriteNumber("max_tracked_values", settings.MaxTrackedValues);
        json.WriteEndObject();
    }

    public static double Round(double value) => Math.Round(value, Decimals, MidpointRounding.ToEven);

    private static void Counts(Utf8JsonWriter json, string name, SnapshotCounts counts)
    {
        json.WriteStartObject(name);
        json.WriteNumber("customers", counts.Customers);
        json.WriteNumber("positives", counts.Positives);
        json.WriteEndObject();
    }

    private static void Metrics(Utf8JsonWriter json, string? name, ChurnModelMetrics metrics)
    {
        if (name is null)
        {
            json.WriteStartObject();
        }
        else
        {
            json.WriteStartObject(name);
        }

        json.WriteString("model", metrics.Model);
        if (name == "rule")
        {
            json.WriteString("description", RuleDescription);
        }

        Number(json, "roc_auc", metrics.RocAuc);
        Number(json, "pr_auc", metrics.PrAuc);
        Number(json, "precision", metrics.Precision);
        Number(json, "recall", metrics.Recall);
        Number(json, "f1", metrics.F1);
        json.WriteNumber("threshold", (float)metrics.Threshold);
        json.WriteStartObject("confusion");
        json.WriteNumber("tp", metrics.Confusion.TruePositives);
        json.WriteNumber("fp", metrics.Confusion.FalsePositives);
        json.WriteNumber("tn", metrics.Confusion.TrueNegatives);
        json.WriteNumber("fn", metrics.Confusion.FalseNegatives);
        json.WriteEndObject();
        Number(json, "lift_top_decile", metrics.LiftTopDecile);
        if (name != "rule")
        {
            Number(json, "validation_pr_auc", metrics.ValidationPrAuc);
            json.WriteStartObject("feature_importance");
            foreach (var (feature, value) in metrics.FeatureImportance)
            {
                Number(json, feature, value);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteData(Utf8JsonWriter json, CustomerEventFileSummary data)
    {
        json.WriteStartObject("data");
        json.WriteNumber("lines", data.Lines);
        json.WriteNumber("events", data.Events);
        json.WriteNumber("duplicates", data.Duplicates);
        json.WriteNumber("bad_lines", data.BadLines);
        json.WriteNumber("bad_timestamps", data.BadTimestamps);
        json.WriteNumber("customers", data.Customers);
        json.WriteString("first_event", data.FirstEventTime?.ToIsoString());
        json.WriteString("last_event", data.LastEventTime?.ToIsoString());
        json.WriteStartArray("bad_line_samples");
        foreach (var bad in data.BadLineSamples)
        {
            json.WriteStartObject();
            json.WriteNumber("line", bad.LineNumber);
            json.WriteString("reason", bad.Reason);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, Round(value));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
