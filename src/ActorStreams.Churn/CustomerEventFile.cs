using ActorStreams.Domain;
using ActorStreams.Domain.Behaviour;
using ActorStreams.Domain.Customers;

namespace ActorStreams.Churn;

/// <summary>
/// Streams a <c>customer-events</c> JSON-lines file (the generator's <c>--out</c> format): each valid record, the first of
/// its <c>event_id</c>, goes to a callback in file order. Bad lines are counted, not fatal.
/// </summary>
/// <remarks>
/// Lines are split on <c>\n</c> (a trailing <c>\r</c> and a leading byte-order mark are dropped) and parsed by
/// <see cref="CustomerEventParser"/>. Duplicates are recognised by the 64-bit key of <see cref="RecentIds.KeyOf(string)"/>
/// over the whole file (memory: one key per event).
/// </remarks>
public static class CustomerEventFile
{
    /// <summary>How many bad lines a summary lists with their numbers.</summary>
    public const int MaxBadLineSamples = 20;

    /// <summary>A line longer than this is a bad line.</summary>
    public const int MaxLineBytes = 1 << 20;

    /// <summary>Lines between two progress reports.</summary>
    public const long ProgressInterval = 100_000;

    /// <summary>Reads the whole file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="onEvent">Receives each valid, first-seen record in file order.</param>
    /// <param name="linesRead">Told the number of lines read every <see cref="ProgressInterval"/> lines.</param>
    /// <param name="cancellationToken">Stops the read between lines.</param>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static CustomerEventFileSummary Read(
        string path, Action<CustomerEvent> onEvent, IProgress<long>? linesRead = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(onEvent);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var counter = new Counter(onEvent);
        var buffer = new byte[1 << 16];
        int start = 0, end = 0;
        var skippingLongLine = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (end == buffer.Length)
            {
                if (start > 0)
                {
                    Array.Copy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }
                else if (buffer.Length < MaxLineBytes)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
                else
                {
                    // One line fills the largest buffer: count it once, drop what is read of it and skip to its end.
                    if (!skippingLongLine)
                    {
                        counter.TooLong();
                        skippingLongLine = true;
                    }

                    start = end = 0;
                }
            }

            var read = stream.Read(buffer, end, buffer.Length - end);
            end += read;
            int newline;
            while ((newline = Array.IndexOf(buffer, (byte)'\n', start, end - start)) >= 0)
            {
                if (skippingLongLine)
                {
                    skippingLongLine = false;
                }
                else
                {
                    counter.Line(buffer.AsSpan(start, newline - start));
                    if (counter.Lines % ProgressInterval == 0)
                    {
                        linesRead?.Report(counter.Lines);
                    }
                }

                start = newline + 1;
            }

            if (read == 0)
            {
                if (end > start && !skippingLongLine)
                {
                    counter.Line(buffer.AsSpan(start, end - start));
                }

                break;
            }
        }

        linesRead?.Report(counter.Lines);
        return counter.Summary();
    }

    /// <summary>
    /// Reads records of the topic handed over one by one (each a whole record's UTF-8 JSON, as a line of the file would
    /// be), with the same parsing, duplicate rule and counts as a file: a record is a "line" of the summary.
    /// </summary>
    /// <param name="records">The records, in the order a file would hold them (each customer's in its topic's order).</param>
    /// <param name="onEvent">Receives each valid, first-seen record in order.</param>
    /// <param name="linesRead">Told the number of records read every <see cref="ProgressInterval"/> records.</param>
    /// <param name="cancellationToken">Stops the read between records.</param>
    public static CustomerEventFileSummary ReadRecords(
        IEnumerable<byte[]> records, Action<CustomerEvent> onEvent, IProgress<long>? linesRead = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(onEvent);
        var counter = new Counter(onEvent);
        foreach (var record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            counter.Line(record);
            if (counter.Lines % ProgressInterval == 0)
            {
                linesRead?.Report(counter.Lines);
            }
        }

        linesRead?.Report(counter.Lines);
        return counter.Summary();
    }

    /// <summary>The counts of one read.</summary>
    private sealed class Counter(Action<CustomerEvent> onEvent)
    {
        private readonly CustomerEventParser _parser = new();
        private readonly HashSet<ulong> _ids = [];
        private readonly HashSet<long> _customers = [];
        private readonly List<BadLine> _samples = [];
        private long _events, _duplicates, _bad, _badTimestamps;
        private long _first = long.MaxValue, _last = long.MinValue;

        public long Lines { get; private set; }

        public void Line(ReadOnlySpan<byte> line)
        {
            Lines++;
            if (Lines == 1 && line.StartsWith("\uFEFF"u8))
            {
                line = line[3..];
            }

            if (!line.IsEmpty && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (!_parser.TryParse(line, out var value, out var error, out var badTimestamp))
            {
                Bad(error, badTimestamp);
                return;
            }

            if (!_ids.Add(RecentIds.KeyOf(value.EventId)))
            {
                _duplicates++;
                return;
            }

            _events++;
            _customers.Add(value.CustomerId.Value);
            _first = Math.Min(_first, value.Timestamp.Ticks);
            _last = Math.Max(_last, value.Timestamp.Ticks);
            onEvent(value);
        }

        public void TooLong()
        {
            Lines++;
            Bad($"line longer than {MaxLineBytes} bytes", badTimestamp: false);
        }

        public CustomerEventFileSummary Summary() => new()
        {
            Lines = Lines,
            Events = _events,
            Duplicates = _duplicates,
            BadLines = _bad,
            BadTimestamps = _badTimestamps,
            Customers = _customers.Count,
            FirstEventTime = _events > 0 ? new EventTime(_first) : null,
            LastEventTime = _events > 0 ? new EventTime(_last) : null,
            BadLineSamples = _samples,
        };

        private void Bad(string reason, bool badTimestamp)
        {
            _bad++;
            _badTimestamps += badTimestamp ? 1 : 0;
            if (_samples.Count < MaxBadLineSamples)
            {
                _samples.Add(new BadLine(Lines, reason));
            }
        }
    }
}
