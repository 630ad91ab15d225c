using ActorStreams.Domain.Fraud;

namespace ActorStreams.Entities;

/// <summary>Counters of the analytics (thread-safe; entities add, the reporter and the admin API read).</summary>
public sealed class EntityMetrics
{
    private static readonly string[] Rules = [FraudRules.HighAmount, FraudRules.RapidFire, FraudRules.Velocity, FraudRules.ImpossibleTravel, FraudRules.NewDevice];
    private readonly long[] _alertsByRule = new long[Rules.Length];
    private long _transactions;
    private long _activities;
    private long _details;
    private long _loanApplications;
    private long _customerEvents;
    private long _modelScores;
    private long _churnModelAlerts;
    private long _duplicateCustomerEvents;
    private long _lateTransactions;
    private long _churnAlerts;
    private long _enrichedRecords;
    private long _reEmittedRecords;
    private long _merchantTransactions;
    private long _merchantLateEvents;
    private long _merchantDuplicates;
    private long _merchantMetrics;
    private long _keyMismatches;
    private long _duplicateTransactions;
    private long _duplicateActivities;
    private long _duplicateLoanApplications;
    private long _lateLoanApplications;
    private long _loanFraudAlerts;
    private long _loanReplaysIgnored;
    private long _loanPartialsIgnored;
    private long _loanLateForWindow;
    private long _loanPartialsShipped;
    private long _loanChannelWindows;
    private long _loanSegmentWindows;
    private long _funnelEvents;
    private long _funnelScores;
    private long _funnelLate;
    private long _funnelDuplicates;
    private long _funnelMetrics;
    private long _churnSegmentMetrics;

    /// <summary>Transactions processed by customer entities.</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>Activities processed.</summary>
    public long Activities => Interlocked.Read(ref _activities);

    /// <summary>Customer details records processed (tombstones included).</summary>
    public long Details => Interlocked.Read(ref _details);

    /// <summary>Loan applications scored by customer entities.</summary>
    public long LoanApplications => Interlocked.Read(ref _loanApplications);

    /// <summary>Shop events (customer-events) counted in customers' behaviour features.</summary>
    public long CustomerEvents => Interlocked.Read(ref _customerEvents);

    /// <summary>Customers scored by the churn model (at session ends and purchases).</summary>
    public long ModelScores => Interlocked.Read(ref _modelScores);

    /// <summary>CHURN_MODEL alerts emitted.</summary>
    public long ChurnModelAlerts => Interlocked.Read(ref _churnModelAlerts);

    /// <summary>Shop events whose event_id their customer already had (changed nothing).</summary>
    public long DuplicateCustomerEvents => Interlocked.Read(ref _duplicateCustomerEvents);

    /// <summary>Transactions late for the customer's windowed rules (<c>late_events</c>).</summary>
    public long LateTransactions => Interlocked.Read(ref _lateTransactions);

    /// <summary>CHURN_RISK alerts emitted.</summary>
    public long ChurnAlerts => Interlocked.Read(ref _churnAlerts);

    /// <summary>Enriched records emitted for new activities.</summary>
    public long EnrichedRecords => Interlocked.Read(ref _enrichedRecords);

    /// <summary>Enriched records re-emitted because details arrived or changed.</summary>
    public long ReEmittedRecords => Interlocked.Read(ref _reEmittedRecords);

    /// <summary>Transactions added to merchant windows.</summary>
    public long MerchantTransactions => Interlocked.Read(ref _merchantTransactions);

    /// <summary>Transactions for merchant windows already emitted (<c>late_events</c> of the merchant side).</summary>
    public long MerchantLateEvents => Interlocked.Read(ref _merchantLateEvents);

    /// <summary>Replayed repartition records ignored as duplicates.</summary>
    public long MerchantDuplicates => Interlocked.Read(ref _merchantDuplicates);

    /// <summary>Merchant metrics (closed windows) emitted.</summary>
    public long MerchantMetrics => Interlocked.Read(ref _merchantMetrics);

    /// <summary>Loan applications late for APPLICATION_BURST.</summary>
    public long LateLoanApplications => Interlocked.Read(ref _lateLoanApplications);

    /// <summary>Loan fraud alerts emitted (every rule).</summary>
    public long LoanFraudAlerts => Interlocked.Read(ref _loanFraudAlerts);

    /// <summary>Replayed applications a device ignored.</summary>
    public long LoanReplaysIgnored => Interlocked.Read(ref _loanReplaysIgnored);

    /// <summary>Partials an aggregate ignored (replayed, or for a window already emitted).</summary>
    public long LoanPartialsIgnored => Interlocked.Read(ref _loanPartialsIgnored);

    /// <summary>Applications late for their statistics window (counted in none).</summary>
    public long LoanWindowLateApplications => Interlocked.Read(ref _loanLateForWindow);

    /// <summary>Partials shipped by loan partitions.</summary>
    public long LoanPartialsShipped => Interlocked.Read(ref _loanPartialsShipped);

    /// <summary>Channel windows emitted (each is one loan-stats and one loan-channels record).</summary>
    public long LoanChannelWindows => Interlocked.Read(ref _loanChannelWindows);

    /// <summary>Segment windows emitted (loan-segments records).</summary>
    public long LoanSegmentWindows => Interlocked.Read(ref _loanSegmentWindows);

    /// <summary>Transactions whose transaction_id their customer already had (changed nothing).</summary>
    public long DuplicateTransactions => Interlocked.Read(ref _duplicateTransactions);

    /// <summary>Activities whose activity_id their customer already had (changed nothing).</summary>
    public long DuplicateActivities => Interlocked.Read(ref _duplicateActivities);

    /// <summary>Loan applications whose application_id their customer already had (changed nothing).</summary>
    public long DuplicateLoanApplications => Interlocked.Read(ref _duplicateLoanApplications);

    /// <summary>Every duplicate input record (<c>duplicates</c>).</summary>
    public long Duplicates => DuplicateTransactions + DuplicateActivities + DuplicateLoanApplications + DuplicateCustomerEvents;

    /// <summary>Records whose key did not match the id in their value (dead-lettered).</summary>
    public long KeyMismatches => Interlocked.Read(ref _keyMismatches);

    /// <summary>Fraud alerts emitted, by rule name.</summary>
    public IReadOnlyDictionary<string, long> AlertsByRule =>
        Rules.Select((rule, i) => (rule, i)).ToDictionary(x => x.rule, x => Interlocked.Read(ref _alertsByRule[x.i]), StringComparer.Ordinal);

    /// <summary>All fraud alerts emitted.</summary>
    public long FraudAlerts => Enumerable.Range(0, _alertsByRule.Length).Sum(i => Interlocked.Read(ref _alertsByRule[i]));

    internal void Transaction(bool late)
    {
        Interlocked.Increment(ref _transactions);
        if (late)
        {
            Interlocked.Increment(ref _lateTransactions);
        }
    }

    internal void Alert(string rule)
    {
        var index = IndexOf(rule);
        if (index >= 0)
        {
            Interlocked.Increment(ref _alertsByRule[index]);
        }
    }

    internal void Activity() => Interlocked.Increment(ref _activities);

    internal void Detail() => Interlocked.Increment(ref _details);

    internal void CustomerEvent() => Interlocked.Increment(ref _customerEvents);

    internal void ModelScored() => Interlocked.Increment(ref _modelScores);

    internal void ChurnModelAlert() => Interlocked.Increment(ref _churnModelAlerts);

    internal void LoanApplication(bool late)
    {
        Interlocked.Increment(ref _loanApplications);
        if (late)
        {
            Interlocked.Increment(ref _lateLoanApplications);
        }
    }

    /// <summary>Customer events added to funnel windows.</summary>
    public long FunnelEvents => Interlocked.Read(ref _funnelEvents);

    /// <summary>Churn-model scores added to segment windows.</summary>
    public long FunnelScores => Interlocked.Read(ref _funnelScores);

    /// <summary>Customer events and scores for funnel or segment windows already closed (counted in none).</summary>
    public long FunnelLate => Interlocked.Read(ref _funnelLate);

    /// <summary>Replayed funnel records ignored.</summary>
    public long FunnelDuplicates => Interlocked.Read(ref _funnelDuplicates);

    /// <summary>Funnel windows emitted (funnel-metrics records).</summary>
    public long FunnelMetrics => Interlocked.Read(ref _funnelMetrics);

    /// <summary>Segment windows emitted (churn-segments records).</summary>
    public long ChurnSegmentMetrics => Interlocked.Read(ref _churnSegmentMetrics);

    internal void FunnelApplied(bool score) => Interlocked.Increment(ref score ? ref _funnelScores : ref _funnelEvents);

    internal void FunnelLateRecord() => Interlocked.Increment(ref _funnelLate);

    internal void FunnelDuplicate() => Interlocked.Increment(ref _funnelDuplicates);

    internal void FunnelWindows(int funnel, int segments)
    {
        Interlocked.Add(ref _funnelMetrics, funnel);
        Interlocked.Add(ref _churnSegmentMetrics, segments);
    }

    internal void LoanFraudAlert() => Interlocked.Increment(ref _loanFraudAlerts);

    internal void LoanReplayIgnored() => Interlocked.Increment(ref _loanReplaysIgnored);

    internal void LoanPartialIgnored() => Interlocked.Increment(ref _loanPartialsIgnored);

    internal void LoanWindowLate() => Interlocked.Increment(ref _loanLateForWindow);

    internal void LoanPartialShipped() => Interlocked.Increment(ref _loanPartialsShipped);

    internal void LoanWindow(bool channel) => Interlocked.Increment(ref channel ? ref _loanChannelWindows : ref _loanSegmentWindows);

    internal void ChurnAlert() => Interlocked.Increment(ref _churnAlerts);

    internal void Enriched() => Interlocked.Increment(ref _enrichedRecords);

    internal void ReEmitted(int count) => Interlocked.Add(ref _reEmittedRecords, count);

    internal void MerchantApplied() => Interlocked.Increment(ref _merchantTransactions);

    internal void MerchantLate() => Interlocked.Increment(ref _merchantLateEvents);

    internal void MerchantDuplicate() => Interlocked.Increment(ref _merchantDuplicates);

    internal void MerchantMetric() => Interlocked.Increment(ref _merchantMetrics);

    internal void Duplicate(DuplicateKind kind)
    {
        switch (kind)
        {
            case DuplicateKind.Transaction:
                Interlocked.Increment(ref _duplicateTransactions);
                break;
            case DuplicateKind.Activity:
                Interlocked.Increment(ref _duplicateActivities);
                break;
            case DuplicateKind.CustomerEvent:
                Interlocked.Increment(ref _duplicateCustomerEvents);
                break;
            default:
                Interlocked.Increment(ref _duplicateLoanApplications);
                break;
        }
    }

    internal void KeyMismatch() => Interlocked.Increment(ref _keyMismatches);

    private static int IndexOf(string rule)
    {
        var all = Rules;
        for (var i = 0; i < all.Length; i++)
        {
            if (string.Equals(all[i], rule, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
