using System.Globalization;
using System.Text;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Consumer;
using ActorStreams.Kafka.Producer;
using ActorStreams.Lake;
using ActorStreams.Lake.Storage;
using ActorStreams.Node.Lake;
using ActorStreams.TestKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStreams.Node.Tests.Lake;

/// <summary>
/// The lake sink of one partition (docs/lake.md, Exactly once): rows to files by dataset and event hour, files closed
/// by rows, size or age and written only after the checkpoint that covers them, and a crash at any point leaving every
/// row in exactly one file once the next owner has reopened the archive.
/// </summary>
[Trait("Category", "Unit")]
public sealed class LakeArchiveTests : IDisposable
{
    private static readonly DateTimeOffset Hour5 = new(2026, 11, 22, 5, 0, 0, TimeSpan.Zero);
    private static readonly KafkaTopics Topics = KafkaTopics.Default;
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("actorstreams-lake-archive-");
    private readonly FakeTimeProvider _time = new(Hour5);
    private readonly DirectoryLakeStorage _storage;

    public LakeArchiveTests() => _storage = new DirectoryLakeStorage(_root.FullName);

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task Rows_ToAFilePerDatasetAndHour_WrittenOnlyOnceTheCheckpointCoveringThemIs()
    {
        var archive = await OpenAsync(null, maxRows: 2);
        Transaction(archive, 0, Hour5.AddMinutes(1), alert: true);
        Transaction(archive, 1, Hour5.AddMinutes(2));
        Transaction(archive, 2, Hour5.AddHours(1)); // another hour: another file
        Transaction(archive, 3, Hour5.AddMinutes(3)); // closes hour 5's transactions file (2 rows), opens another

        var barrier = archive.Barrier(final: false);
        await barrier.Durable;

        Assert.Empty(await DataFilesAsync());
        Assert.Single(await _storage.ListAsync("_chunks/", CancellationToken.None));
        archive.Written(barrier.State);
        await archive.Published;

        var transactions = LakePaths.DataFileKey(LakeDataset.Transactions, Hour5, "node-1", 3, 100);
        Assert.Equal([transactions], await DataFilesAsync());
        Assert.Equal(await ExpectedFileAsync(LakeDataset.Transactions, 0, 1), await _storage.GetAsync(transactions, CancellationToken.None));
        Assert.Equal(3, archive.Unwritten); // fraud alerts of hour 5, transactions of hour 6, the second of hour 5
    }

    [Fact]
    public async Task Files_ClosedByAge_AtTheNextRecordOrBarrier()
    {
        var archive = await OpenAsync(null);
        Transaction(archive, 0, Hour5.AddMinutes(1));
        _time.Advance(TimeSpan.FromMinutes(1));

        var barrier = archive.Barrier(final: false);
        await barrier.Durable;
        archive.Written(barrier.State);
        await archive.Published;

        Assert.Equal([LakePaths.DataFileKey(LakeDataset.Transactions, Hour5, "node-1", 3, 100)], await DataFilesAsync());
        Assert.Equal(0, archive.Unwritten);
        Assert.Empty(await _storage.ListAsync("_chunks/", CancellationToken.None)); // no buffer needs its chunk
    }

    [Fact]
    public async Task CheckpointWanted_OnceAnOpenFileIsDueByAge_UntilABarrierClosesIt()
    {
        var archive = await OpenAsync(null);
        Assert.False(archive.CheckpointWanted);
        Transaction(archive, 0, Hour5.AddMinutes(1));
        var first = archive.Barrier(final: false);
        await first.Durable;
        archive.Written(first.State);
        Assert.False(archive.CheckpointWanted); // the file is open and young

        // No record comes any more: the partition checkpoints only because the archive asks, and that closes the file.
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(archive.CheckpointWanted);
        var second = archive.Barrier(final: false);
        Assert.False(archive.CheckpointWanted);
        await second.Durable;
        archive.Written(second.State);
        await archive.Published;

        Assert.Equal([LakePaths.DataFileKey(LakeDataset.Transactions, Hour5, "node-1", 3, 100)], await DataFilesAsync());
        Assert.Empty(await _storage.ListAsync("_chunks/", CancellationToken.None));
    }

    [Fact]
    public async Task Crash_BeforeTheCheckpoint_TheNextOwnerReplaysAndEveryRowIsInOneFile()
    {
        var first = await OpenAsync(null, maxRows: 3);
        Transaction(first, 0, Hour5.AddMinutes(1));
        Transaction(first, 1, Hour5.AddMinutes(2));
        var written = first.Barrier(final: false);
        await written.Durable;
        first.Written(written.State);
        Transaction(first, 2, Hour5.AddMinutes(3));
        Transaction(first, 3, Hour5.AddMinutes(4)); // closes the file of rows 0-2
        var lost = first.Barrier(final: false);
        await lost.Durable; // its chunk is stored, but the checkpoint never is: the node dies here

        // The next owner recovers the written checkpoint and replays from its offsets (records 2 and 3).
        var second = await OpenAsync(written.State, maxRows: 3, node: "node-2");
        Assert.Single(await _storage.ListAsync("_chunks/", CancellationToken.None)); // the lost barrier's chunk is gone
        Transaction(second, 2, Hour5.AddMinutes(3));
        Transaction(second, 3, Hour5.AddMinutes(4));
        _time.Advance(TimeSpan.FromMinutes(1));
        var barrier = second.Barrier(final: false);
        await barrier.Durable;
        second.Written(barrier.State);
        await second.Published;

        // The file opened by node-1 keeps its name; the next one is node-2's.
        Assert.Equal(
            [LakePaths.DataFileKey(LakeDataset.Transactions, Hour5, "node-1", 3, 100), LakePaths.DataFileKey(LakeDataset.Transactions, Hour5, "node-2", 3, 103)],
            await DataFilesAsync());
        Assert.Equal(await ExpectedFileAsync(LakeDataset.Transactions, 0, 1, 2), await _storage.GetAsync(LakePaths.DataFileKey(LakeDataset.Transactions, Hour5, "node-1", 3, 100), CancellationToken.None));
        Assert.Equal(await ExpectedFileAsync(LakeDataset.Transactions, 3), await _storage.GetAsync(LakePaths.DataFileKey(LakeDataset.Transactions, Hour5, "node-2", 3, 103), CancellationToken.None));
        Assert.Empty(await _storage.ListAsync("_chunks/", CancellationToken.None));
    }

    [Fact]
    public async Task Crash_HalfWayThroughPuttingAChunkAndAFile_TheNextOwnerDeletesWhatThePutsLeft()
    {
        var first = await OpenAsync(null, maxRows: 2);
        Transaction(first, 0, Hour5.AddMinutes(1));
        Transaction(first, 1, Hour5.AddMinutes(2));
        Transaction(first, 2, Hour5.AddMinutes(3)); // closes the file of rows 0 and 1
        var barrier = first.Barrier(final: false);
        await barrier.Durable;

        // SIGKILL while the file covered by the checkpoint and the next chunk were being put: their temporary files stay.
        var file = LakePaths.DataFileKey(LakeDataset.Transactions, Hour5, "node-1", 3, 100);
        var leftovers = new[]
        {
            Path.Combine(_root.FullName, Path.GetDirectoryName(file)!, ".lake-tmp-" + Path.GetFileName(file) + "." + new string('a', 32)),
            Path.Combine(_root.FullName, "_chunks", "customer-3", ".lake-tmp-0000000000000000001.chunk." + new string('b', 32)),
        };
        foreach (var leftover in leftovers)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(leftover)!);
            await File.WriteAllBytesAsync(leftover, [1, 2, 3]);
        }

        await OpenAsync(barrier.State, maxRows: 2, node: "node-2");

        Assert.All(leftovers, leftover => Assert.False(File.Exists(leftover), leftover));
        Assert.Equal([file], await DataFilesAsync());
    }

    [Fact]
    public async Task Crash_AfterTheCheckpointBeforeTheFile_TheNextOwnerWritesIt_AndAgainIdenticallyWhenItWasWritten()
    {
        var first = await OpenAsync(null, maxRows: 2);
        Transaction(first, 0, Hour5.AddMinutes(1));
        Transaction(first, 1, Hour5.AddMinutes(2));
        Transaction(first, 2, Hour5.AddMinutes(3)); // closes the file of rows 0 and 1
        var barrier = first.Barrier(final: false);
        await barrier.Durable; // the checkpoint is written, the node dies before writing the file

        var second = await OpenAsync(barrier.State, maxRows: 2, node: "node-2");
        var file = LakePaths.DataFileKey(LakeDataset.Transactions, Hour5, "node-1", 3, 100);
        Assert.Equal([file], await DataFilesAsync());
        Assert.Equal(await ExpectedFileAsync(LakeDataset.Transactions, 0, 1), await _storage.GetAsync(file, CancellationToken.None));
        Assert.Equal(1, second.Unwritten); // row 2's file, still open, restored from the chunk

        // Recovering the same checkpoint again (another crash) leaves the same file, and row 2 goes on in its own.
        var third = await OpenAsync(barrier.State, maxRows: 2, node: "node-3");
        Assert.Equal([file], await DataFilesAsync());
        Assert.Equal(await ExpectedFileAsync(LakeDataset.Transactions, 0, 1), await _storage.GetAsync(file, CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(1));
        var next = third.Barrier(final: false);
        await next.Durable;
        third.Written(next.State);
        await third.Published;
        var rest = LakePaths.DataFileKey(LakeDataset.Transactions, Hour5, "node-1", 3, 102);
        Assert.Equal([file, rest], await DataFilesAsync());
        Assert.Equal(await ExpectedFileAsync(LakeDataset.Transactions, 2), await _storage.GetAsync(rest, CancellationToken.None));
    }

    [Fact]
    public async Task Records_DuplicatesFlagged_DeadLettersNotRaw_OutputsWithTheirInputsOffset()
    {
        var archive = await OpenAsync(null);
        Transaction(archive, 0, Hour5.AddMinutes(1), duplicate: true);
        var bad = Record(Topics.Transactions, 101, "not json", Hour5.AddMinutes(2));
        archive.Add(bad, [new ProducerRecord(Topics.DeadLetter, null, Encoding.UTF8.GetBytes(DeadLetterJson(101)))], duplicate: false);
        _time.Advance(TimeSpan.FromMinutes(1));

        var barrier = archive.Barrier(final: false);
        await barrier.Durable;
        archive.Written(barrier.State);
        await archive.Published;

        Assert.Equal(
            [
                LakePaths.DataFileKey(LakeDataset.DeadLetters, Hour5, "node-1", 3, 101),
                LakePaths.DataFileKey(LakeDataset.Transactions, Hour5, "node-1", 3, 100),
            ],
            await DataFilesAsync());
        Assert.Equal(await ExpectedFileAsync(LakeDataset.Transactions, (0, true)), await _storage.GetAsync(LakePaths.DataFileKey(LakeDataset.Transactions, Hour5, "node-1", 3, 100), CancellationToken.None));
    }

    [Fact]
    public async Task FileKeys_OfRowsSharingAnOffset_NeverRepeat()
    {
        var archive = await OpenAsync(null, maxRows: 1);
        Transaction(archive, 0, Hour5.AddMinutes(1), alert: true);
        archive.Add(null, [FraudAlert(0, Hour5.AddMinutes(1), "VELOCITY")], duplicate: false); // a later output of the same record's offset

        var barrier = archive.Barrier(final: false);
        await barrier.Durable;
        _time.Advance(TimeSpan.FromMinutes(1));
        var second = archive.Barrier(final: false);
        await second.Durable;
        archive.Written(barrier.State);
        archive.Written(second.State);
        await archive.Published;

        Assert.Equal(
            [
                LakePaths.DataFileKey(LakeDataset.FraudAlerts, Hour5, "node-1", 3, 100),
                LakePaths.DataFileKey(LakeDataset.FraudAlerts, Hour5, "node-1", 3, 101),
                LakePaths.DataFileKey(LakeDataset.Transactions, Hour5, "node-1", 3, 100),
            ],
            await DataFilesAsync());
    }

    private Task<LakeArchive> OpenAsync(byte[]? state, int maxRows = 1000, string node = "node-1") =>
        LakeArchive.OpenAsync(
            new LakeArchiveContext(
                _storage,
                LakeSettings.Default with { MaxFileRows = maxRows },
                new LakeRoutes(Topics),
                "customer",
                3,
                node,
                _time,
                new LakeMetrics(),
                NullLogger.Instance),
            state,
            CancellationToken.None);

    private async Task<List<string>> DataFilesAsync() =>
        [.. (await _storage.ListAsync("", CancellationToken.None)).Where(k => k.EndsWith(".parquet", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    /// <summary>Transaction <paramref name="index"/> (offset 100 + index) at <paramref name="time"/>, with a HIGH_AMOUNT alert when asked.</summary>
    private static void Transaction(LakeArchive archive, int index, DateTimeOffset time, bool alert = false, bool duplicate = false)
    {
        var record = Record(Topics.Transactions, 100 + index, TransactionJson(index, time), time);
        archive.Add(record, alert ? [FraudAlert(index, time, "HIGH_AMOUNT")] : [], duplicate);
    }

    private static ConsumedRecord Record(string topic, long offset, string json, DateTimeOffset time) =>
        new(topic, 3, offset, Encoding.UTF8.GetBytes("7"), Encoding.UTF8.GetBytes(json), time.ToUnixTimeMilliseconds());

    private static string TransactionJson(int index, DateTimeOffset time) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"transaction_id":"tx-{{index}}","customer_id":7,"merchant_id":"m-1","merchant_category":"books","amount":{{10 + index}}.5,"currency":"EUR","payment_method":"paypal","device_id":"d-1","ip_address":"10.0.0.1","timestamp":"{{time.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}}"}""");

    private static ProducerRecord FraudAlert(int index, DateTimeOffset time, string rule) => new(Topics.FraudAlerts, null, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $$$"""{"alert_id":"tx-{{{index}}}:{{{rule}}}","rule":"{{{rule}}}","customer_id":7,"transaction_id":"tx-{{{index}}}","merchant_id":"m-1","merchant_category":"books","amount":2500.0,"event_time":"{{{time.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}}}","detected_at":"2026-11-22T06:00:00.000Z","severity":"HIGH","details":{}}""")));

    private static string DeadLetterJson(long offset) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"source_topic":"transactions","partition":3,"offset":{{offset}},"key":"7","value":"not json","error":"not JSON","failed_at":"2026-11-22T06:00:00.000Z"}""");

    /// <summary>The bytes of a file holding exactly the given transactions (by index), in order.</summary>
    private static Task<byte[]> ExpectedFileAsync(LakeDataset dataset, params int[] indexes) =>
        ExpectedFileAsync(dataset, [.. indexes.Select(i => (i, false))]);

    private static Task<byte[]> ExpectedFileAsync(LakeDataset dataset, params (int Index, bool Duplicate)[] rows) =>
        LakeParquetWriter.WriteAsync(
            dataset,
            [.. rows.Select(r => LakeRow.FromJson(dataset, Encoding.UTF8.GetBytes(TransactionJson(r.Index, Hour5.AddMinutes(r.Index + 1))), 3, 100 + r.Index, r.Duplicate, Hour5.AddMinutes(r.Index + 1)))],
            CancellationToken.None);
}
