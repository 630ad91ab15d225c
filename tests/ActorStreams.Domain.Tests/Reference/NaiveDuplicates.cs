namespace ActorStreams.Domain.Tests.Reference;

/// <summary>
/// docs/design.md §6 duplicates written straight from the text over one customer's arrivals of one kind (O(n²)), sharing
/// no code with src: record i is a duplicate when an accepted record j before it has the same id and j is among the last
/// <c>last</c> accepted records or <c>t_j ≥ maxT − within</c>, maxT being the newest event time accepted before i.
/// </summary>
internal static class NaiveDuplicates
{
    /// <summary>The contract defaults.</summary>
    public const int DefaultLast = 1000;

    /// <summary>The contract defaults.</summary>
    public static readonly TimeSpan DefaultWithin = TimeSpan.FromHours(24);

    /// <summary>For each arrival, whether it is a duplicate.</summary>
    public static bool[] Mark<T>(IReadOnlyList<T> arrivals, Func<T, string> id, Func<T, EventTime> time, int last = DefaultLast, TimeSpan? within = null)
    {
        var window = within ?? DefaultWithin;
        var duplicate = new bool[arrivals.Count];
        var accepted = new List<(string Id, EventTime Time)>();
        for (var i = 0; i < arrivals.Count; i++)
        {
            var key = id(arrivals[i]);
            if (accepted.Count > 0)
            {
                var maxT = accepted.Max(a => a.Time);
                for (var j = 0; j < accepted.Count && !duplicate[i]; j++)
                {
                    duplicate[i] = string.Equals(accepted[j].Id, key, StringComparison.Ordinal)
                        && (j >= accepted.Count - last || accepted[j].Time >= maxT - window);
                }
            }

            if (!duplicate[i])
            {
                accepted.Add((key, time(arrivals[i])));
            }
        }

        return duplicate;
    }
}
