using System.Globalization;
using System.Text.Json;
using ActorStreams.Churn;
using ActorStreams.Domain.Behaviour;
using ActorStreams.Generator;

namespace ActorStreams.Cli.Demo;

/// <summary>
/// The demo's customer behaviour (docs/design.md §6 Customer behaviour features, Churn model, Churn model online): a
/// <c>customer-events</c> backfill of a simulated shop written to a run folder of its own, and the churn model the nodes
/// score with, trained on it at start or loaded from <c>--churn-model</c>. The folder is deleted with the run, as the
/// temporary store is: the backfill is regenerated from the seed in a second.
/// </summary>
internal sealed class DemoBehaviour : IDisposable
{
    /// <summary>Customers of the simulated shop (ids 1..N): about 59,000 events over <see cref="Days"/>.</summary>
    public const int Customers = 300;

    /// <summary>Days of the simulated shop's history, from <see cref="GeneratorSettings.DefaultStart"/>: 30 to train on, 30 to test, 30 of labels and the rest as history.</summary>
    public const int Days = 120;

    private readonly DirectoryInfo? _folder;

    private DemoBehaviour(DirectoryInfo? folder, GeneratorSettings backfill, string modelPath, string modelName, string modelVersion, double rocAuc, double prAuc)
    {
        _folder = folder;
        Backfill = backfill;
        ModelPath = modelPath;
        ModelName = modelName;
        ModelVersion = modelVersion;
        RocAuc = rocAuc;
        PrAuc = prAuc;
    }

    /// <summary>The generator settings of the backfill: a backfill (no rate) from the default start, so its events are the ones trained on.</summary>
    public GeneratorSettings Backfill { get; }

    /// <summary>The model zip the nodes load (<c>actorstreams.churn.model</c>).</summary>
    public string ModelPath { get; }

    /// <summary>The chosen model's name, e.g. <c>logistic_regression</c>.</summary>
    public string ModelName { get; }

    /// <summary>The model's version: the first 12 hex digits of its zip's SHA-256.</summary>
    public string ModelVersion { get; }

    /// <summary>The chosen model's ROC-AUC on its test snapshot (NaN when undefined).</summary>
    public double RocAuc { get; }

    /// <summary>The chosen model's PR-AUC on its test snapshot (NaN when undefined).</summary>
    public double PrAuc { get; }

    /// <summary>The generator settings of the demo's shop: <see cref="Customers"/> customers over <see cref="Days"/> days, seeded by the demo's seed.</summary>
    public static GeneratorSettings BackfillSettings(GeneratorSettings demo) => demo with
    {
        Rate = 0,
        Start = null,
        Customers = Customers,
        Behaviour = demo.Behaviour with { Days = Days },
    };

    /// <summary>Generates the backfill into a new temporary folder and trains the churn model on it, telling each step.</summary>
    /// <param name="demo">The demo's generator settings (the seed).</param>
    /// <param name="say">Writes a line to the console.</param>
    /// <param name="cancellationToken">Stops between steps.</param>
    /// <exception cref="ChurnException">The model could not be trained (the message says what to do instead).</exception>
    public static async Task<DemoBehaviour> TrainAsync(GeneratorSettings demo, Func<string, Task> say, CancellationToken cancellationToken)
    {
        var backfill = BackfillSettings(demo);
        var folder = Directory.CreateTempSubdirectory("actorstreams-demo-behaviour-");
        try
        {
            var events = Path.Combine(folder.FullName, "customer-events.jsonl");
            await say(Invariant($"generating customer events… ({Customers} customers, {Days} days, seed {backfill.Seed})")).ConfigureAwait(false);
            var records = DataGenerator.Open(GeneratorDatasets.CustomerEvents, backfill, TimeProvider.System);
            var file = new FileStream(events, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16);
            await using (file.ConfigureAwait(false))
            {
                await GeneratorOutput.WriteJsonLinesAsync(records, file, TimeProvider.System, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            await say(Invariant($"training churn model… (on {records.Position:N0} events)")).ConfigureAwait(false);
            var options = new ChurnTrainingOptions
            {
                InputPath = events,
                OutputPath = Path.Combine(folder.FullName, "churn.zip"),
                Seed = TrainingSeed(backfill.Seed),
            };
            ChurnTrainingResult result;
            try
            {
                result = await Task.Run(() => ChurnTrainer.Train(options, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            catch (ChurnException e)
            {
                throw new ChurnException(
                    $"the demo could not train its churn model on the backfill of seed {backfill.Seed}: {e.Message}; --churn-model F uses a model of yours, --no-behaviour none", e);
            }

            var report = result.Report;
            var chosen = report.Models.First(m => m.Model == report.Chosen);
            var behaviour = new DemoBehaviour(folder, backfill, result.ModelPath, report.Chosen, report.ModelVersion, chosen.RocAuc, chosen.PrAuc);
            await say(Invariant(
                $"churn model {behaviour.ModelName} {behaviour.ModelVersion}: test ROC-AUC {Figure(behaviour.RocAuc)}, PR-AUC {Figure(behaviour.PrAuc)} ({report.Test.Customers} customers, {report.Test.Positives} churned); model {result.ModelPath} (report {result.ReportPath}), events {events}"))
                .ConfigureAwait(false);
            return behaviour;
        }
        catch
        {
            Delete(folder);
            throw;
        }
    }

    /// <summary>Loads the model of <c>--churn-model</c> (as a node will) and reads its test figures.</summary>
    /// <param name="demo">The demo's generator settings (the backfill's seed).</param>
    /// <param name="path">The model zip.</param>
    /// <param name="source">Where the path comes from, for the messages: <c>--churn-model</c> or the HOCON key.</param>
    /// <param name="say">Writes a line to the console.</param>
    /// <exception cref="UsageException">The model does not load.</exception>
    public static async Task<DemoBehaviour> LoadAsync(GeneratorSettings demo, string path, string source, Func<string, Task> say)
    {
        var full = Path.GetFullPath(path);
        ChurnModel model;
        double rocAuc, prAuc;
        try
        {
            model = ChurnModel.Load(full, BehaviourSettings.Default);
            (rocAuc, prAuc) = TestFigures(ChurnTrainingOptions.MetricsPath(full), model.ModelName);
        }
        catch (ChurnException e)
        {
            throw new UsageException($"{source} {path}: the churn model does not load: {e.Message}");
        }

        var behaviour = new DemoBehaviour(null, BackfillSettings(demo), full, model.ModelName, model.Version, rocAuc, prAuc);
        await say(Invariant(
            $"churn model {behaviour.ModelName} {behaviour.ModelVersion}: test ROC-AUC {Figure(rocAuc)}, PR-AUC {Figure(prAuc)}; loaded from {full} ({source}, not trained)")).ConfigureAwait(false);
        return behaviour;
    }

    /// <summary>Deletes the run folder (the backfill file and a trained model).</summary>
    public void Dispose()
    {
        if (_folder is not null)
        {
            Delete(_folder);
        }
    }

    /// <summary>The trainer's seed from the demo's: the same number when it fits, as <c>train churn --seed</c> takes it.</summary>
    internal static int TrainingSeed(long seed) => seed is >= int.MinValue and <= int.MaxValue ? (int)seed : (int)(seed ^ (seed >> 32));

    private static (double RocAuc, double PrAuc) TestFigures(string metricsPath, string chosen)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(metricsPath));
            var model = document.RootElement.GetProperty("models").EnumerateArray().First(m => m.GetProperty("model").GetString() == chosen);
            return (Number(model.GetProperty("roc_auc")), Number(model.GetProperty("pr_auc")));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            throw new ChurnException($"{metricsPath} has no test figures of model {chosen}: {e.Message}", e);
        }
    }

    private static double Number(JsonElement value) => value.ValueKind == JsonValueKind.Number ? value.GetDouble() : double.NaN;

    private static string Figure(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.000", CultureInfo.InvariantCulture);

    private static void Delete(DirectoryInfo folder)
    {
        try
        {
            folder.Delete(recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left in the temporary folder, which the operating system cleans.
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
