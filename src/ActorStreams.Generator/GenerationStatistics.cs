using System.Globalization;
using System.Text;

namespace ActorStreams.Generator;

/// <summary>What a generated stream has produced so far: records per topic, fraud-labelled records, injected fraud patterns and re-sent duplicates.</summary>
public sealed class GenerationStatistics
{
    private static readonly FraudPattern[] AllPatterns = Enum.GetValues<FraudPattern>();
    private static readonly LoanFraudPattern[] AllLoanPatterns = Enum.GetValues<LoanFraudPattern>();
    private readonly List<KeyValuePair<string, long>> _byTopic = [];
    private readonly long[] _patterns = new long[AllPatterns.Length];
    private readonly long[] _loanPatterns = new long[AllLoanPatterns.Length];

    internal GenerationStatistics()
    {
    }

    /// <summary>Records produced.</summary>
    public long Records { get; private set; }

    /// <summary>Records labelled <c>is_fraud: true</c>.</summary>
    public long FraudRecords { get; private set; }

    /// <summary>Records that re-send the record before them byte for byte (a producer retry; <c>customer-events</c>), included in <see cref="Records"/>.</summary>
    public long DuplicateRecords { get; private set; }

    /// <summary>Records produced per logical topic, in the order topics first appeared.</summary>
    public IReadOnlyDictionary<string, long> RecordsByTopic => _byTopic.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>Fraud patterns injected into transactions per kind (counted when a pattern starts; its records always follow within the stream).</summary>
    public IReadOnlyDictionary<FraudPattern, long> Patterns => AllPatterns.ToDictionary(p => p, p => _patterns[(int)p]);

    /// <summary>Fraud patterns injected into loan applications per kind (counted when a pattern starts; its records always follow within the stream).</summary>
    public IReadOnlyDictionary<LoanFraudPattern, long> LoanPatterns => AllLoanPatterns.ToDictionary(p => p, p => _loanPatterns[(int)p]);

    /// <summary>
    /// A one-line summary, e.g. <c>10000 records (transactions 10000), 200 labelled fraud (2.00%), patterns: RapidFire 12, ...</c>;
    /// the patterns listed are the loan patterns when the stream injected those, else the transaction patterns.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Records} records");
        if (_byTopic.Count > 0)
        {
            text.Append(" (").AppendJoin(", ", _byTopic.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value}"))).Append(')');
        }

        if (DuplicateRecords > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $", {DuplicateRecords} re-sent as duplicates ({100.0 * DuplicateRecords / Records:0.000}%)");
        }

        var loans = _loanPatterns.Any(p => p > 0);
        if (loans || _patterns.Any(p => p > 0) || FraudRecords > 0)
        {
            var share = Records == 0 ? 0 : 100.0 * FraudRecords / Records;
            text.Append(CultureInfo.InvariantCulture, $", {FraudRecords} labelled fraud ({share:0.00}%), patterns: ");
            if (loans)
            {
                text.AppendJoin(", ", AllLoanPatterns.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p} {_loanPatterns[(int)p]}")));
            }
            else
            {
                text.AppendJoin(", ", AllPatterns.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p} {_patterns[(int)p]}")));
            }
        }

        return text.ToString();
    }

    internal void Count(string topic, bool isFraud, bool isDuplicate)
    {
        Records++;
        if (isDuplicate)
        {
            DuplicateRecords++;
        }

        if (isFraud)
        {
            FraudRecords++;
        }

        // Few topics per stream: a linear scan beats hashing here.
        for (var i = 0; i < _byTopic.Count; i++)
        {
            if (ReferenceEquals(_byTopic[i].Key, topic))
            {
                _byTopic[i] = new(topic, _byTopic[i].Value + 1);
                return;
            }
        }

        _byTopic.Add(new(topic, 1));
    }

    internal void CountPattern(FraudPattern pattern) => _patterns[(int)pattern]++;

    internal void CountPattern(LoanFraudPattern pattern) => _loanPatterns[(int)pattern]++;
}
