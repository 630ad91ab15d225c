using ActorStreams.Domain.Fraud;
using ActorStreams.Generator;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Producer;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Cli.Demo;

/// <summary>
/// The demo's data: the reference tables preloaded once (customer-offers, customer-details), then three live
/// generators in the background, transactions with injected fraud at the demo's rate, customer activity at a quarter
/// of it and loan applications with injected fraud at a fortieth, stamped with the current time, until stopped; and,
/// alongside them, the customer-events backfill the churn model was trained on, as fast as the broker takes it.
/// </summary>
internal sealed class DemoGenerators : IAsyncDisposable
{
    /// <summary>"Until stopped": far more records than any demo runs for.</summary>
    private const long Unbounded = 1L << 40;

    private readonly KafkaSettings _kafka;
    private readonly GeneratorSettings _settings;
    private readonly double _activityRate;
    private readonly double _loanRate;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _faulted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Task> _running = [];
    private readonly Lock _gate = new();
    private readonly KafkaMetrics _transactionsDelivered = new();
    private readonly KafkaMetrics _activitiesDelivered = new();
    private readonly KafkaMetrics _loansDelivered = new();
    private readonly KafkaMetrics _customerEventsDelivered = new();
    private GeneratedRecordStream? _transactions;
    private GeneratedRecordStream? _activities;
    private GeneratedRecordStream? _loans;
    private long _offers;
    private long _details;

    /// <param name="kafka">Where to produce.</param>
    /// <param name="settings">Generator settings with the demo's rate, customers, fraud ratio and seed.</param>
    /// <param name="activityRate">Customer activities per second.</param>
    /// <param name="loanRate">Loan applications per second.</param>
    /// <param name="time">The clock that paces the live streams.</param>
    /// <param name="loggerFactory">Logs of the producers.</param>
    public DemoGenerators(KafkaSettings kafka, GeneratorSettings settings, double activityRate, double loanRate, TimeProvider time, ILoggerFactory loggerFactory)
    {
        _kafka = kafka;
        _settings = settings with { Start = null };
        _activityRate = activityRate;
        _loanRate = loanRate;
        _time = time;
        _loggerFactory = loggerFactory;
    }

    /// <summary>Faults when a live generator cannot produce; never completes otherwise.</summary>
    public Task Faulted => _faulted.Task;

    /// <summary>Records delivered to Kafka so far, per logical input topic (generated but undelivered ones are not counted: none are lost).</summary>
    public IReadOnlyDictionary<string, long> Produced => new Dictionary<string, long>(StringComparer.Ordinal)
    {
        [GeneratorDatasets.Transactions] = _transactionsDelivered.Produced,
        [GeneratorDatasets.CustomerActivity] = _activitiesDelivered.Produced,
        [GeneratorDatasets.CustomerDetails] = Volatile.Read(ref _details),
        [GeneratorDatasets.CustomerOffers] = Volatile.Read(ref _offers),
        [GeneratorDatasets.LoanApplications] = _loansDelivered.Produced,
        [GeneratorDatasets.CustomerEvents] = _customerEventsDelivered.Produced,
    };

    /// <summary>Transactions labelled <c>is_fraud</c> so far: the ground truth behind the alerts.</summary>
    public long LabelledFraud => _transactions?.Statistics.FraudRecords ?? 0;

    /// <summary>Fraud patterns injected so far, by the rule each is made to fire (counted when a pattern starts).</summary>
    public IReadOnlyDictionary<string, long> InjectedPatterns =>
        (_transactions?.Statistics.Patterns ?? new Dictionary<FraudPattern, long>()).ToDictionary(p => RuleOf(p.Key), p => p.Value, StringComparer.Ordinal);

    /// <summary>Produces the offers table (read by every node before it processes anything).</summary>
    public async Task PreloadOffersAsync(CancellationToken cancellationToken) =>
        _offers = await PreloadAsync(GeneratorDatasets.CustomerOffers, null, cancellationToken).ConfigureAwait(false);

    /// <summary>Produces one customer-details record per customer.</summary>
    public async Task PreloadCustomerDetailsAsync(CancellationToken cancellationToken) =>
        _details = await PreloadAsync(GeneratorDatasets.CustomerDetails, _settings.Customers, cancellationToken).ConfigureAwait(false);

    /// <summary>Starts the live transactions generator.</summary>
    public void StartTransactions()
    {
        _transactions = DataGenerator.Open(GeneratorDatasets.Transactions, _settings, _time, Unbounded);
        Run(_transactions, _transactionsDelivered, "demo-transactions");
    }

    /// <summary>Starts the live customer-activity generator (after the customer details, which enrich the activities).</summary>
    public void StartActivities()
    {
        _activities = DataGenerator.Open(GeneratorDatasets.CustomerActivity, _settings with { Rate = _activityRate }, _time, Unbounded);
        Run(_activities, _activitiesDelivered, "demo-activity");
    }

    /// <summary>Starts the live loan-applications generator.</summary>
    public void StartLoans()
    {
        if (_loanRate <= 0)
        {
            return;
        }

        _loans = DataGenerator.Open(GeneratorDatasets.LoanApplications, _settings with { Rate = _loanRate }, _time, Unbounded);
        Run(_loans, _loansDelivered, "demo-loans");
    }

    /// <summary>
    /// Starts producing the customer-events backfill of <paramref name="backfill"/> (keyed by customer_id), unpaced: the
    /// same events, from the same seed and start, as the file the churn model was trained on.
    /// </summary>
    public void StartCustomerEvents(GeneratorSettings backfill) =>
        Run(DataGenerator.Open(GeneratorDatasets.CustomerEvents, backfill with { Rate = 0 }, _time), _customerEventsDelivered, "demo-customer-events");

    /// <summary>Stops the live generators and waits until what they produced is delivered.</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        Task[] running;
        lock (_gate)
        {
            running = [.. _running];
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private static string RuleOf(FraudPattern pattern) => pattern switch
    {
        FraudPattern.RapidFire => FraudRules.RapidFire,
        FraudPattern.HighAmount => FraudRules.HighAmount,
        FraudPattern.Velocity => FraudRules.Velocity,
        FraudPattern.ImpossibleTravel => FraudRules.ImpossibleTravel,
        _ => FraudRules.NewDevice,
    };

    private async Task<long> PreloadAsync(string dataset, long? count, CancellationToken cancellationToken)
    {
        var records = DataGenerator.Open(dataset, _settings with { Rate = 0 }, _time, count);
        var sink = new KafkaSink(_kafka, logger: _loggerFactory.CreateLogger<KafkaSink>(), clientIdSuffix: "demo-preload");
        await using (sink.ConfigureAwait(false))
        {
            await GeneratorOutput.ProduceAsync(records, sink, _kafka.Topics, _time, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return records.Position;
    }

    private void Run(GeneratedRecordStream records, KafkaMetrics delivered, string clientId)
    {
        lock (_gate)
        {
            // Once stopping, nothing new starts (a start-up step may finish after a Ctrl-C).
            if (!_stop.IsCancellationRequested)
            {
                _running.Add(RunAsync(records, delivered, clientId));
            }
        }
    }

    private async Task RunAsync(GeneratedRecordStream records, KafkaMetrics delivered, string clientId)
    {
        // Off the caller's thread: the first records are produced without waiting.
        await Task.Yield();
        try
        {
            var sink = new KafkaSink(_kafka, delivered, _loggerFactory.CreateLogger<KafkaSink>(), clientId);
            await using (sink.ConfigureAwait(false))
            {
                try
                {
                    await GeneratorOutput.ProduceAsync(records, sink, _kafka.Topics, _time, cancellationToken: _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    // Stopped: disposing the sink delivers what was accepted.
                }
            }

            if (sink.Fault is { } fault)
            {
                throw fault;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _faulted.TrySetException(new ActorStreamsException($"the {records.Dataset} generator failed after {records.Position} records: {e.Message}", e));
        }
    }
}
