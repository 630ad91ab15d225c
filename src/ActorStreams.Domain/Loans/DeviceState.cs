using System.Buffers;
using ActorStreams.Domain.Internal;

namespace ActorStreams.Domain.Loans;

/// <summary>
/// One device's applications for DEVICE_SHARED (docs/design.md §6), in event time. An application waits until the
/// loan partition's watermark reaches its time; then every application of the device that is not late and has a
/// time in <c>[t − window, t]</c> has arrived, whatever the order of arrival, and the distinct customers among them
/// decide. An application at or before the watermark its source carried is late: answered at once, not evaluated and
/// not counted for others. Replays (a source offset at or below the highest seen from that source) are ignored.
/// </summary>
public sealed class DeviceState
{
    /// <summary>The snapshot format version written as the first byte.</summary>
    public const byte SnapshotVersion = 1;

    private static readonly long[] NoOffsets = [];

    private readonly LoanSettings _settings;
    private readonly List<LoanForward> _pending = [];
    private readonly List<(long Ticks, long Customer)> _history = [];
    private long[] _highestOffsets = NoOffsets;
    private long _applications;
    private long _lateApplications;
    private long _duplicates;
    private long _alerts;

    /// <summary>Creates the state of a device seen for the first time.</summary>
    public DeviceState(string deviceId, LoanSettings settings)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        ArgumentNullException.ThrowIfNull(settings);
        DeviceId = deviceId;
        _settings = settings;
    }

    /// <summary>The device.</summary>
    public string DeviceId { get; }

    /// <summary>Applications received (replays excluded).</summary>
    public long Applications => _applications;

    /// <summary>Applications late for DEVICE_SHARED.</summary>
    public long LateApplications => _lateApplications;

    /// <summary>Replayed applications ignored.</summary>
    public long Duplicates => _duplicates;

    /// <summary>DEVICE_SHARED alerts fired.</summary>
    public long Alerts => _alerts;

    /// <summary>Applications waiting for the watermark.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Evaluated applications kept for later windows.</summary>
    public int HistoryCount => _history.Count;

    /// <summary>The earliest time among the waiting applications, if any.</summary>
    public EventTime? EarliestPending
    {
        get
        {
            if (_pending.Count == 0)
            {
                return null;
            }

            var earliest = long.MaxValue;
            foreach (var application in _pending)
            {
                earliest = Math.Min(earliest, application.EventTime.Ticks);
            }

            return new EventTime(earliest);
        }
    }

    /// <summary>
    /// Takes an application: ignored when a replay; answered at once when late, or when the partition watermark
    /// <paramref name="watermark"/> already reached its time (only after an idle period); otherwise it waits.
    /// </summary>
    /// <returns>False for a replay.</returns>
    public bool Add(LoanForward application, EventTime watermark, EventTime detectedAt, ICollection<DeviceVerdict> verdicts, ICollection<LoanFraudAlert> alerts)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(verdicts);
        ArgumentNullException.ThrowIfNull(alerts);
        var source = application.SourcePartition;
        if (source < 0)
        {
            throw new ArgumentException($"negative source partition {source}", nameof(application));
        }

        if (source < _highestOffsets.Length && application.SourceOffset <= _highestOffsets[source])
        {
            _duplicates++;
            return false;
        }

        if (source >= _highestOffsets.Length)
        {
            var grown = new long[source + 1];
            Array.Fill(grown, -1L);
            _highestOffsets.CopyTo(grown, 0);
            _highestOffsets = grown;
        }

        _highestOffsets[source] = application.SourceOffset;
        _applications++;
        if (application.EventTime <= application.SourceWatermark)
        {
            _lateApplications++;
            verdicts.Add(new DeviceVerdict(application, false, true));
            return true;
        }

        _pending.Add(application);
        if (application.EventTime <= watermark)
        {
            Evaluate(watermark, detectedAt, verdicts, alerts);
        }

        return true;
    }

    /// <summary>Evaluates the waiting applications with a time at or before <paramref name="watermark"/>, earliest first.</summary>
    public void Evaluate(EventTime watermark, EventTime detectedAt, ICollection<DeviceVerdict> verdicts, ICollection<LoanFraudAlert> alerts) =>
        EvaluateThrough(watermark.Ticks, detectedAt, verdicts, alerts, prune: true);

    /// <summary>Evaluates every waiting application (every upstream source is idle).</summary>
    public void Flush(EventTime detectedAt, ICollection<DeviceVerdict> verdicts, ICollection<LoanFraudAlert> alerts) =>
        EvaluateThrough(long.MaxValue, detectedAt, verdicts, alerts, prune: false);

    /// <summary>Writes a versioned binary snapshot.</summary>
    public void Write(IBufferWriter<byte> buffer)
    {
        var writer = new SnapshotWriter(buffer);
        writer.WriteByte(SnapshotVersion);
        writer.WriteString(DeviceId);
        writer.WriteInt64(_applications);
        writer.WriteInt64(_lateApplications);
        writer.WriteInt64(_duplicates);
        writer.WriteInt64(_alerts);
        writer.WriteInt32(_highestOffsets.Length);
        foreach (var offset in _highestOffsets)
        {
            writer.WriteInt64(offset);
        }

        writer.WriteInt32(_history.Count);
        foreach (var (ticks, customer) in _history)
        {
            writer.WriteInt64(ticks);
            writer.WriteInt64(customer);
        }

        writer.WriteInt32(_pending.Count);
        foreach (var application in _pending)
        {
            LoanForwardSnapshot.Write(writer, application);
        }
    }

    /// <summary>Restores a state written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The data is not a valid snapshot of this version.</exception>
    public static DeviceState Read(ReadOnlySpan<byte> snapshot, LoanSettings settings)
    {
        var reader = new SnapshotReader(snapshot, nameof(DeviceState));
        reader.ExpectVersion(SnapshotVersion);
        var state = new DeviceState(reader.ReadRequiredString(), settings)
        {
            _applications = reader.ReadInt64(),
            _lateApplications = reader.ReadInt64(),
            _duplicates = reader.ReadInt64(),
            _alerts = reader.ReadInt64(),
        };
        var sources = reader.ReadCount(1 << 20);
        state._highestOffsets = sources == 0 ? NoOffsets : new long[sources];
        for (var i = 0; i < sources; i++)
        {
            state._highestOffsets[i] = reader.ReadInt64();
        }

        var history = reader.ReadCount(1 << 24);
        for (var i = 0; i < history; i++)
        {
            state._history.Add((reader.ReadInt64(), reader.ReadInt64()));
        }

        var pending = reader.ReadCount(1 << 24);
        for (var i = 0; i < pending; i++)
        {
            state._pending.Add(LoanForwardSnapshot.Read(ref reader));
        }

        reader.ExpectEnd();
        return state;
    }

    private void EvaluateThrough(long through, EventTime detectedAt, ICollection<DeviceVerdict> verdicts, ICollection<LoanFraudAlert> alerts, bool prune)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        ArgumentNullException.ThrowIfNull(alerts);
        if (_pending.Count == 0)
        {
            return;
        }

        // Earliest first, ties in arrival order: the verdicts do not depend on it, the output order is then stable.
        var due = new List<LoanForward>();
        for (var i = 0; i < _pending.Count; i++)
        {
            if (_pending[i].EventTime.Ticks <= through)
            {
                due.Add(_pending[i]);
            }
        }

        if (due.Count == 0)
        {
            return;
        }

        var ordered = due.Select((application, index) => (application, index)).OrderBy(x => x.application.EventTime.Ticks).ThenBy(x => x.index);
        var windowTicks = _settings.DeviceWindow.Ticks;
        var customers = new HashSet<long>();
        foreach (var (application, _) in ordered)
        {
            var t = application.EventTime.Ticks;
            var from = t - windowTicks;
            customers.Clear();
            foreach (var (ticks, customer) in _history)
            {
                if (ticks >= from && ticks <= t)
                {
                    customers.Add(customer);
                }
            }

            foreach (var other in _pending)
            {
                var ticks = other.EventTime.Ticks;
                if (ticks >= from && ticks <= t)
                {
                    customers.Add(other.CustomerId.Value);
                }
            }

            var shared = customers.Count >= _settings.DeviceMinCustomers;
            if (shared)
            {
                _alerts++;
                alerts.Add(new LoanFraudAlert
                {
                    Rule = LoanFraudRules.DeviceShared,
                    ApplicationId = application.ApplicationId,
                    CustomerId = application.CustomerId,
                    DeviceId = application.DeviceId,
                    Channel = application.Channel,
                    LoanAmount = application.LoanAmount,
                    EventTime = application.EventTime,
                    DetectedAt = detectedAt,
                    Details =
                    [
                        new("distinct_customers", customers.Count),
                        new("min_customers", _settings.DeviceMinCustomers),
                        new("window_seconds", _settings.DeviceWindow.TotalSeconds),
                    ],
                });
            }

            verdicts.Add(new DeviceVerdict(application, shared, false));
        }

        foreach (var application in due)
        {
            _history.Add((application.EventTime.Ticks, application.CustomerId.Value));
        }

        _pending.RemoveAll(a => a.EventTime.Ticks <= through);
        if (prune)
        {
            // A later evaluation is for a time after the watermark: it looks back no further than this.
            var keepFrom = through - windowTicks;
            _history.RemoveAll(h => h.Ticks < keepFrom);
        }
    }
}
