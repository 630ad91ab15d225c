using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using ActorStreams.Churn.Internal;
using ActorStreams.Domain;
using ActorStreams.Domain.Behaviour;
using Microsoft.ML;

namespace ActorStreams.Churn;

/// <summary>
/// A trained churn model loaded for online scoring: the ML.NET zip and its <c>.metrics.json</c> (threshold, version,
/// feature names). Immutable and thread-safe; create a <see cref="ChurnScorer"/> per actor to score.
/// </summary>
public sealed class ChurnModel
{
    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    private readonly Lock _engines = new();

    private ChurnModel(MLContext ml, ITransformer transformer, string version, string modelName, float threshold, EventTime asOf, int horizonDays)
    {
        _ml = ml;
        _transformer = transformer;
        Version = version;
        ModelName = modelName;
        Threshold = threshold;
        AsOf = asOf;
        HorizonDays = horizonDays;
    }

    /// <summary>The first 12 hex digits of the zip's SHA-256, as <c>model_version</c> states it.</summary>
    public string Version { get; }

    /// <summary>The kind of model: <c>logistic_regression</c> or <c>fast_tree</c>.</summary>
    public string ModelName { get; }

    /// <summary>The decision threshold on the calibrated probability, chosen on validation.</summary>
    public float Threshold { get; }

    /// <summary>The instant of the test snapshot the model was evaluated on.</summary>
    public EventTime AsOf { get; }

    /// <summary>The churn horizon the model predicts: no purchase within this many days.</summary>
    public int HorizonDays { get; }

    /// <summary>Loads <paramref name="zipPath"/> and <c>&lt;zipPath&gt;.metrics.json</c>.</summary>
    /// <param name="zipPath">The model zip written by <c>train churn</c>.</param>
    /// <param name="featureSettings">When given, the serving feature settings, which must be those the model was trained with.</param>
    /// <exception cref="ChurnException">
    /// A file is missing or unreadable, the metrics describe another zip, or the features differ from <see cref="BehaviourFeatures.FeatureNames"/>
    /// or from <paramref name="featureSettings"/>.
    /// </exception>
    public static ChurnModel Load(string zipPath, BehaviourSettings? featureSettings = null)
    {
        ArgumentNullException.ThrowIfNull(zipPath);
        var metricsPath = ChurnTrainingOptions.MetricsPath(zipPath);
        byte[] zip, metrics;
        try
        {
            zip = File.ReadAllBytes(zipPath);
            metrics = File.ReadAllBytes(metricsPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ChurnException($"cannot read the churn model: {ex.Message}", ex);
        }

        var version = Convert.ToHexStringLower(SHA256.HashData(zip))[..12];
        try
        {
            using var document = JsonDocument.Parse(metrics);
            var root = document.RootElement;
            var stated = root.GetProperty("model_version").GetString();
            if (stated != version)
            {
                throw new ChurnException($"{metricsPath} describes model {stated}, but {zipPath} is model {version}: the two files do not belong together");
            }

            CheckFeatures(metricsPath, [.. root.GetProperty("features").EnumerateArray().Select(f => f.GetString() ?? string.Empty)]);
            if (featureSettings is not null)
            {
                CheckSettings(metricsPath, root.GetProperty("feature_settings"), featureSettings);
            }

            var asOfText = root.GetProperty("as_of").GetString() ?? string.Empty;
            if (!EventTime.TryParseIso(asOfText, out var asOf))
            {
                throw new ChurnException($"{metricsPath}: as_of \"{asOfText}\" is not an ISO-8601 instant");
            }

            var ml = new MLContext();
            var transformer = ml.Model.Load(new MemoryStream(zip), out _);
            return new ChurnModel(
                ml,
                transformer,
                version,
                root.GetProperty("chosen").GetString() ?? string.Empty,
                root.GetProperty("threshold").GetSingle(),
                asOf,
                root.GetProperty("horizon_days").GetInt32());
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ChurnException($"{metricsPath} is not the metrics file of a churn model: {ex.Message}", ex);
        }
    }

    /// <summary>A scorer of this model; not thread-safe, so one per actor.</summary>
    public ChurnScorer CreateScorer()
    {
        lock (_engines)
        {
            return new ChurnScorer(this, _ml.Model.CreatePredictionEngine<ScoringRow, ProbabilityRow>(_transformer));
        }
    }

    private static void CheckFeatures(string metricsPath, string[] trained)
    {
        var expected = BehaviourFeatures.FeatureNames;
        if (trained.SequenceEqual(expected, StringComparer.Ordinal))
        {
            return;
        }

        var index = Enumerable.Range(0, Math.Min(trained.Length, expected.Count)).FirstOrDefault(i => trained[i] != expected[i], Math.Min(trained.Length, expected.Count));
        throw new ChurnException(string.Create(CultureInfo.InvariantCulture,
            $"{metricsPath}: the model was trained on {trained.Length} features and this build computes {expected.Count}; they differ at position {index} " +
            $"(model: {(index < trained.Length ? trained[index] : "none")}, this build: {(index < expected.Count ? expected[index] : "none")}). Retrain the model with this build."));
    }

    private static void CheckSettings(string metricsPath, JsonElement stored, BehaviourSettings settings)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            MetricsJson.WriteSettings(json, settings);
            json.WriteEndObject();
        }

        using var current = JsonDocument.Parse(buffer.ToArray());
        foreach (var property in current.RootElement.GetProperty("feature_settings").EnumerateObject())
        {
            var trained = stored.GetProperty(property.Name).GetDouble();
            if (trained != property.Value.GetDouble())
            {
                throw new ChurnException(string.Create(CultureInfo.InvariantCulture,
                    $"{metricsPath}: the model was trained with feature setting {property.Name} = {trained}, but the features are computed with {property.Value.GetDouble()}"));
            }
        }
    }
}
