using System.Text.Json;

namespace ActorStreams.Churn.Internal;

/// <summary>What the behaviour report shows of a model's <c>.metrics.json</c>: the chosen model, each model's and the rule's test figures, the top features.</summary>
internal sealed record ModelFigures(
    string Version, string Chosen, double Threshold, string AsOf, int HorizonDays, IReadOnlyList<ModelFigures.Line> Models, IReadOnlyList<KeyValuePair<string, double>> TopFeatures)
{
    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="ChurnException">The file cannot be read or is not a metrics file.</exception>
    public static ModelFigures Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var chosen = root.GetProperty("chosen").GetString()!;
            var models = root.GetProperty("models").EnumerateArray().ToList();
            var lines = models.Append(root.GetProperty("rule")).Select(ReadLine).ToList();
            var top = models.Single(m => m.GetProperty("model").GetString() == chosen).GetProperty("feature_importance").EnumerateObject()
                .Where(p => p.Value.ValueKind == JsonValueKind.Number)
                .Select(p => KeyValuePair.Create(p.Name, p.Value.GetDouble()))
                .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
                .Take(5)
                .ToList();
            return new ModelFigures(
                root.GetProperty("model_version").GetString()!, chosen, root.GetProperty("threshold").GetDouble(), root.GetProperty("as_of").GetString()!,
                root.GetProperty("horizon_days").GetInt32(), lines, top);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ChurnException($"cannot read the model's metrics {path}: {e.Message}", e);
        }
    }

    private static Line ReadLine(JsonElement m)
    {
        var c = m.GetProperty("confusion");
        return new Line(
            m.GetProperty("model").GetString()!, Number(m, "roc_auc"), Number(m, "pr_auc"), Number(m, "precision"), Number(m, "recall"), Number(m, "f1"),
            Number(m, "threshold"), c.GetProperty("tp").GetInt64(), c.GetProperty("fp").GetInt64(), c.GetProperty("tn").GetInt64(), c.GetProperty("fn").GetInt64(),
            Number(m, "lift_top_decile"));
    }

    private static double Number(JsonElement element, string name) =>
        element.GetProperty(name) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : double.NaN;

    /// <summary>One model's test figures.</summary>
    internal sealed record Line(string Name, double RocAuc, double PrAuc, double Precision, double Recall, double F1, double Threshold, long Tp, long Fp, long Tn, long Fn, double Lift);
}
