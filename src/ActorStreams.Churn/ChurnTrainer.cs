using System.Globalization;
using System.Security.Cryptography;
using ActorStreams.Churn.Internal;
using ActorStreams.Domain;
using ActorStreams.Domain.Behaviour;

namespace ActorStreams.Churn;

/// <summary>
/// Trains and evaluates the churn model on a <c>customer-events</c> file, or another <see cref="CustomerEventSource"/> such
/// as a data lake's archive (docs/design.md §6, Churn model): time-aware
/// snapshots through <see cref="BehaviourState"/>, two ML.NET models, the rule proxy, and the three output files.
/// </summary>
public static class ChurnTrainer
{
    /// <summary>The rule proxy's alert threshold (docs/design.md §6 Churn).</summary>
    public const double RuleThreshold = 0.7;

    /// <summary>The rule proxy's name in the reports.</summary>
    public const string RuleName = "rule_ewma_session_proxy";

    private static readonly int RuleFeature = BehaviourFeatures.FeatureNames.ToList().IndexOf("no_purchase_session_ewma");

    /// <summary>Reads the file once for its counts and extent (the first pass).</summary>
    /// <exception cref="ChurnException">The file cannot be read.</exception>
    public static CustomerEventFileSummary Scan(string inputPath, IProgress<string>? progress = null, CancellationToken cancellationToken = default) =>
        Scan(CustomerEventSource.FromFile(inputPath), progress, cancellationToken);

    /// <summary>Reads the source once for its counts and extent (the first pass).</summary>
    /// <exception cref="ChurnException">The source cannot be read.</exception>
    public static CustomerEventFileSummary Scan(CustomerEventSource source, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Files($"cannot read {source.Description}", () => source.Read(static _ => { }, Lines(progress, "scanning", source.Description), cancellationToken));
    }

    /// <summary>T when none is given: the newest event time − the horizon.</summary>
    /// <exception cref="ChurnException">The file has no valid event.</exception>
    public static EventTime DefaultAsOf(CustomerEventFileSummary scan, TimeSpan horizon)
    {
        ArgumentNullException.ThrowIfNull(scan);
        return (scan.LastEventTime ?? throw new ChurnException("the input has no valid event")) - horizon;
    }

    /// <summary>Trains, evaluates and writes the model, its metrics and its report.</summary>
    /// <param name="options">What to do.</param>
    /// <param name="scan">The first pass's result, when the caller already has it.</param>
    /// <param name="progress">Told a line at each step and while reading.</param>
    /// <param name="cancellationToken">Stops between steps and lines.</param>
    /// <exception cref="ChurnException">
    /// The data does not reach T + horizon, a snapshot is too small to train or evaluate, or a file cannot be read or written.
    /// </exception>
    public static ChurnTrainingResult Train(
        ChurnTrainingOptions options, CustomerEventFileSummary? scan = null, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var input = options.Input;
        scan ??= Scan(input, progress, cancellationToken);
        var asOf = options.AsOf ?? DefaultAsOf(scan, options.Horizon);
        if (scan.LastEventTime is not { } last || last < asOf + options.Horizon)
        {
            throw new ChurnException(string.Create(CultureInfo.InvariantCulture,
                $"the data must reach as-of + horizon = {(asOf + options.Horizon).ToIsoString()} for the test labels, but its newest event is {scan.LastEventTime?.ToIsoString() ?? "none"}"));
        }

        var builder = new SnapshotBuilder(asOf, options.Horizon, options.ActiveWithin, options.FeatureSettings);
        var data = Files(
            $"cannot read {input.Description}",
            () => input.Read(builder.Add, Lines(progress, "building snapshots from", input.Description), cancellationToken));
        var train = builder.Train();
        var test = builder.Test();
        var fit = train.Where(e => CustomerSplit.IsFit(e.CustomerId, options.Seed, options.FitShare)).ToList();
        var validation = train.Where(e => !CustomerSplit.IsFit(e.CustomerId, options.Seed, options.FitShare)).ToList();
        RequireBothClasses("fit part of the train snapshot", fit, asOf - options.Horizon);
        RequireBothClasses("validation part of the train snapshot", validation, asOf - options.Horizon);
        RequireBothClasses("test snapshot", test, asOf);
        progress?.Report(string.Create(CultureInfo.InvariantCulture,
            $"snapshots: train at {(asOf - options.Horizon).ToIsoString()} {train.Count} customers ({fit.Count} fit, {validation.Count} validation), test at {asOf.ToIsoString()} {test.Count} customers"));

        var fitting = new ModelFitting(options.Seed);
        var fitData = fitting.FitData(fit);
        var validationLabels = validation.Select(e => e.Churned).ToArray();
        var validationData = fitting.Data(validation.Select(e => e.Features), validationLabels);
        var testLabels = test.Select(e => e.Churned).ToArray();
        var testIds = test.Select(e => e.CustomerId).ToArray();
        var testData = fitting.Data(test.Select(e => e.Features), testLabels);

        var models = new List<(FittedModel Model, ChurnModelMetrics Metrics, float[] TestScores)>();
        foreach (var name in new[] { ModelFitting.LogisticRegression, ModelFitting.FastTree })
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"training {name} on {fit.Count} customers, calibrating on {validation.Count}"));
            var model = fitting.Fit(name, fitData, validationData, validationLabels);
            var scores = ModelFitting.Scores(model.Transformer, testData);
            var metrics = Evaluate(name, scores, testLabels, testIds, model.Threshold, strict: false) with
            {
                ValidationPrAuc = model.ValidationPrAuc,
                FeatureImportance = fitting.PermutationImportance(model.Transformer, [.. validation.Select(e => e.Features)], validationLabels),
            };
            models.Add((model, metrics, scores));
        }

        var rule = Evaluate(RuleName, [.. test.Select(e => e.Features[RuleFeature])], testLabels, testIds, RuleThreshold, strict: true);
        var chosen = models.MaxBy(m => m.Model.ValidationPrAuc);
        progress?.Report($"writing the model ({chosen.Model.Name}) to {options.OutputPath}");
        var zip = Save(fitting, chosen.Model, fitData);
        var report = new ChurnReport
        {
            ModelVersion = Convert.ToHexStringLower(SHA256.HashData(zip))[..12],
            Chosen = chosen.Model.Name,
            Threshold = chosen.Model.Threshold,
            AsOf = asOf,
            HorizonDays = (int)(options.Horizon.Ticks / TimeSpan.TicksPerDay),
            Seed = options.Seed,
            FeatureSettings = options.FeatureSettings,
            Train = Counts(train),
            Validation = Counts(validation),
            Test = Counts(test),
            Models = [.. models.Select(m => m.Metrics)],
            Rule = rule,
            Data = data,
        };

        Files($"cannot write {options.OutputPath}", () =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.OutputPath))!);
            File.WriteAllBytes(options.OutputPath, zip);
            File.WriteAllBytes(ChurnTrainingOptions.MetricsPath(options.OutputPath), MetricsJson.Write(report));
            File.WriteAllText(ChurnTrainingOptions.ReportPath(options.OutputPath), ReportText.Markdown(report, Path.GetFileName(options.OutputPath)));
            return true;
        });
        var scored = test.Select((e, i) => new ScoredExample(e.CustomerId, e.Features, e.Churned, chosen.TestScores[i])).ToList();
        return new ChurnTrainingResult(report, options.OutputPath, scored);
    }

    private static ChurnModelMetrics Evaluate(string name, float[] scores, bool[] labels, long[] customerIds, double threshold, bool strict)
    {
        var confusion = BinaryMetrics.Confusion(scores, labels, threshold, strict);
        var (precision, recall, f1) = BinaryMetrics.Rates(confusion);
        return new ChurnModelMetrics
        {
            Model = name,
            RocAuc = BinaryMetrics.RocAuc(scores, labels),
            PrAuc = BinaryMetrics.AveragePrecision(scores, labels),
            Precision = precision,
            Recall = recall,
            F1 = f1,
            Threshold = threshold,
            Confusion = confusion,
            LiftTopDecile = BinaryMetrics.LiftTopDecile(scores, labels, customerIds),
        };
    }

    private static byte[] Save(ModelFitting fitting, FittedModel model, Microsoft.ML.IDataView schemaSource)
    {
        using var buffer = new MemoryStream();
        fitting.Save(model.Transformer, schemaSource, buffer);
        return DeterministicZip.Normalise(buffer.ToArray());
    }

    private static SnapshotCounts Counts(List<ChurnExample> examples) => new(examples.Count, examples.Count(e => e.Churned));

    private static void RequireBothClasses(string what, List<ChurnExample> examples, EventTime at)
    {
        var positives = examples.Count(e => e.Churned);
        if (positives == 0 || positives == examples.Count)
        {
            throw new ChurnException(string.Create(CultureInfo.InvariantCulture,
                $"the {what} at {at.ToIsoString()} has {examples.Count} customers, {positives} of them churned: it needs customers of both classes (more data, or another --as-of)"));
        }
    }

    /// <summary>Runs a file operation, turning an I/O failure into a <see cref="ChurnException"/> that says what failed.</summary>
    private static T Files<T>(string what, Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ChurnException($"{what}: {ex.Message}", ex);
        }
    }

    private static Progress? Lines(IProgress<string>? progress, string verb, string path) =>
        progress is null ? null : new Progress(lines => progress.Report(string.Create(CultureInfo.InvariantCulture, $"{verb} {path}: {lines:N0} lines")));

    /// <summary>Reports synchronously, on the reading thread, so lines come out in order.</summary>
    private sealed class Progress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
