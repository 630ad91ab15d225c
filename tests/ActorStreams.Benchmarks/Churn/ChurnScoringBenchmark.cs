using System.Diagnostics;
using System.Globalization;
using ActorStreams.Churn;
using ActorStreams.Domain;
using ActorStreams.Domain.Behaviour;
using ActorStreams.Entities.Codecs;
using ActorStreams.Generator;

namespace ActorStreams.Benchmarks.Churn;

/// <summary>
/// <c>bench churn-score</c>: the cost per customer event of the behaviour features and of online churn scoring (docs/design.md
/// §6, Churn model online), without actors or Kafka. Generated customer events (in memory, parsed once, not timed) go
/// through one <see cref="BehaviourState"/> per customer, first alone, then scored as the customer entity does (at each
/// session end and purchase: the feature vector and the model's calibrated probability) with a model trained on the same
/// events, and last with the <c>customer-features</c> record the entity writes at those instants (the whole features,
/// encoded) besides the scoring. Each case runs a warm-up pass, then <c>runs</c> timed passes; the median is printed with the bytes allocated per
/// event on the timing thread.
/// </summary>
public static class ChurnScoringBenchmark
{
    /// <summary>Runs the suite and writes its figures to <paramref name="output"/>.</summary>
    public static async Task RunAsync(int customers, int days, int runs, long seed, TextWriter output, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("actorstreams-bench-churn-");
        try
        {
            var path = Path.Combine(folder.FullName, "customer-events.jsonl");
            var settings = GeneratorSettings.Default with { Customers = customers, Seed = seed, Behaviour = CustomerEventSettings.Default with { Days = days } };
            await using (var file = File.Create(path))
            {
                await GeneratorOutput.WriteJsonLinesAsync(DataGenerator.Open(GeneratorDatasets.CustomerEvents, settings, TimeProvider.System), file, TimeProvider.System, cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
            }

            var events = new List<CustomerEvent>();
            CustomerEventFile.Read(path, events.Add, cancellationToken: cancellationToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{events.Count:N0} customer events of {customers:N0} customers over {days} days (seed {seed}); training the model…"))
                .ConfigureAwait(false);
            var trained = ChurnTrainer.Train(new ChurnTrainingOptions { InputPath = path, OutputPath = Path.Combine(folder.FullName, "churn.zip"), Seed = unchecked((int)seed) }, cancellationToken: cancellationToken);
            var model = ChurnModel.Load(trained.ModelPath);
            await output.WriteLineAsync($"model {model.ModelName} {model.Version}, threshold {model.Threshold.ToString("0.###", CultureInfo.InvariantCulture)}").ConfigureAwait(false);

            foreach (var (name, scored, recorded) in new[] { ("features", false, false), ("features + scoring", true, false), ("+ features record", true, true) })
            {
                var results = new List<(double NanosPerEvent, double BytesPerEvent, long Scores)>();
                for (var run = 0; run <= runs; run++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var result = Pass(events, scored ? model : null, recorded);
                    if (run > 0)
                    {
                        results.Add(result); // run 0 warms up
                    }
                }

                var median = results.OrderBy(r => r.NanosPerEvent).ElementAt(results.Count / 2);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-20} {median.NanosPerEvent,8:N0} ns per event, {median.BytesPerEvent,6:N1} B allocated per event, {median.Scores:N0} scores ({(double)median.Scores / events.Count:P1} of events); runs: {string.Join(", ", results.Select(r => r.NanosPerEvent.ToString("N0", CultureInfo.InvariantCulture)))} ns"))
                    .ConfigureAwait(false);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// One pass over the events with fresh states; with a model, scored where the customer entity scores, and with
    /// <paramref name="recorded"/> the <c>customer-features</c> record computed and encoded there as well, as the entity does.
    /// </summary>
    private static (double NanosPerEvent, double BytesPerEvent, long Scores) Pass(List<CustomerEvent> events, ChurnModel? model, bool recorded)
    {
        var states = new Dictionary<long, BehaviourState>();
        foreach (var id in events.Select(e => e.CustomerId.Value).Distinct())
        {
            states[id] = new BehaviourState(BehaviourSettings.Default);
        }

        using var scorer = model?.CreateScorer();
        var encoder = new CustomerFeaturesEncoder();
        var features = new float[BehaviourFeatures.VectorLength];
        long encoded = 0;
        var gap = BehaviourSettings.Default.SessionGap + TimeSpan.FromMilliseconds(1);
        long scores = 0;
        var sum = 0f;
        GC.Collect();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        foreach (var e in events)
        {
            var state = states[e.CustomerId.Value];
            if (scorer is not null && state.EndedSessionBefore(e.Timestamp) is { } end)
            {
                encoded += recorded ? Record(encoder, state, e, ChurnModelAlert.SessionEnd, end + gap) : 0;
                state.WriteVector(end + gap, features);
                sum += scorer.Score(features);
                scores++;
            }

            state.Apply(e);
            if (scorer is not null && e.Type == CustomerEventType.Purchase)
            {
                encoded += recorded ? Record(encoder, state, e, ChurnModelAlert.Purchase, e.Timestamp) : 0;
                state.WriteVector(e.Timestamp, features);
                sum += scorer.Score(features);
                scores++;
            }
        }

        clock.Stop();
        var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        GC.KeepAlive(sum);
        GC.KeepAlive(encoded);
        return (clock.Elapsed.TotalNanoseconds / events.Count, bytes / (double)events.Count, scores);
    }

    /// <summary>The entity's <c>customer-features</c> record of one scoring instant; returns its length.</summary>
    private static int Record(CustomerFeaturesEncoder encoder, BehaviourState state, CustomerEvent e, string trigger, EventTime asOf) =>
        encoder.Encode(new CustomerFeaturesRecord
        {
            FeaturesId = CustomerFeaturesRecord.IdOf(e.EventId, trigger),
            CustomerId = e.CustomerId.Value,
            EventId = e.EventId,
            Trigger = trigger,
            AsOf = asOf,
            Features = state.Compute(asOf),
        }).Length;
}
