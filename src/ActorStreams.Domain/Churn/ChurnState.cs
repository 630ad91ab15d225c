using System.Buffers;
using ActorStreams.Domain.Events;
using ActorStreams.Domain.Internal;

namespace ActorStreams.Domain.Churn;

/// <summary>
/// The churn score of one customer: an exponentially weighted mean of the activities'
/// propensity to churn in arrival order, and the CHURN_RISK crossing (docs/design.md §6).
/// </summary>
public sealed class ChurnState
{
    /// <summary>The snapshot format version written as the first byte.</summary>
    public const byte SnapshotVersion = 1;

    private readonly ChurnSettings _settings;
    private long _activityCount;
    private double _score;

    /// <summary>Creates the state of a customer with no activity yet.</summary>
    public ChurnState(ChurnSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
    }

    /// <summary>Activities applied so far.</summary>
    public long ActivityCount => _activityCount;

    /// <summary>The current score, or null before the first activity.</summary>
    public double? Score => _activityCount > 0 ? _score : null;

    /// <summary>
    /// Updates the score with the next activity in arrival order: <c>score_1 = p_1</c>, then
    /// <c>α·p + (1 − α)·previous</c>; appends a CHURN_RISK alert when <c>previous ≤ threshold &lt; score</c>.
    /// </summary>
    /// <param name="activity">The activity.</param>
    /// <param name="eventTime">Its effective event time (timestamp, or processing time when absent).</param>
    /// <param name="detectedAt">The processing instant written to <c>detected_at</c>.</param>
    /// <param name="alerts">Receives the alert, if any.</param>
    public ChurnEvaluation Apply(CustomerActivity activity, EventTime eventTime, EventTime detectedAt, ICollection<ChurnAlert> alerts)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(alerts);

        var alpha = _settings.Alpha;
        var p = activity.PropensityToChurn;
        var previous = _activityCount == 0 ? 0d : _score;
        var score = _activityCount == 0 ? p : (alpha * p) + ((1 - alpha) * previous);
        _score = score;
        _activityCount++;

        var threshold = _settings.Threshold;
        var fired = previous <= threshold && threshold < score;
        if (fired)
        {
            alerts.Add(new ChurnAlert
            {
                AlertId = string.Concat(activity.ActivityId.ToString(), ":", ChurnAlert.RuleName),
                CustomerId = activity.CustomerId.Value,
                ActivityId = activity.ActivityId.Value,
                ActivityType = activity.ActivityType,
                Score = score,
                PreviousScore = previous,
                Threshold = threshold,
                EventTime = eventTime,
                DetectedAt = detectedAt,
            });
        }

        return new ChurnEvaluation(score, previous, fired);
    }

    /// <summary>Writes a versioned binary snapshot.</summary>
    public void Write(IBufferWriter<byte> buffer) => WriteTo(new SnapshotWriter(buffer));

    /// <summary>Restores a state written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The data is not a valid snapshot of this version.</exception>
    public static ChurnState Read(ReadOnlySpan<byte> snapshot, ChurnSettings settings)
    {
        var reader = new SnapshotReader(snapshot, nameof(ChurnState));
        var state = ReadFrom(ref reader, settings);
        reader.ExpectEnd();
        return state;
    }

    internal void WriteTo(SnapshotWriter writer)
    {
        writer.WriteByte(SnapshotVersion);
        writer.WriteInt64(_activityCount);
        writer.WriteDouble(_score);
    }

    internal static ChurnState ReadFrom(ref SnapshotReader reader, ChurnSettings settings)
    {
        var state = new ChurnState(settings);
        reader.ExpectVersion(SnapshotVersion);
        state._activityCount = reader.ReadInt64();
        state._score = reader.ReadDouble();
        if (state._activityCount < 0)
        {
            throw reader.Corrupt("negative activity count");
        }

        return state;
    }
}
