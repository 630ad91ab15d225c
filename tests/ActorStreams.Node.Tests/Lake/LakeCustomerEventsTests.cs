using System.Text;
using System.Text.Json;
using ActorStreams.Churn;
using ActorStreams.Generator;
using ActorStreams.Kafka;
using ActorStreams.Lake;
using ActorStreams.Node.Lake;

namespace ActorStreams.Node.Tests.Lake;

/// <summary>
/// <c>train churn --input &lt;lake&gt;</c> (docs/design.md §6 Churn model, docs/lake.md): the lake's <c>customer_events</c>
/// rows, written as a node's archive writes them, read back as the topic's records, give the same model, byte for byte, as
/// the JSON-lines file they came from.
/// </summary>
[Trait("Category", "Unit")]
public sealed class LakeCustomerEventsTests : IDisposable
{
    private const int Partitions = 3;
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("actorstreams-lake-churn-");

    public void Dispose() => _home.Delete(recursive: true);

    [Fact]
    public void Routes_CustomerEvents_AreArchivedRawAsCustomerEvents()
    {
        var routes = new LakeRoutes(KafkaTopics.Default with { CustomerEvents = "shop-events" });

        Assert.Same(LakeDataset.CustomerEvents, routes.RawDataset("shop-events"));
    }

    [Fact]
    public async Task Train_FromALakeOfTheFilesRecords_WritesTheSameModelBytesAsFromTheFile()
    {
        var file = Path.Combine(_home.FullName, "events.jsonl");
        var settings = GeneratorSettings.Default with { Customers = 300, Seed = 11, Behaviour = CustomerEventSettings.Default with { Days = 120, DuplicateRatio = 0.01 } };
        await using (var output = File.Create(file))
        {
            await GeneratorOutput.WriteJsonLinesAsync(DataGenerator.Open(GeneratorDatasets.CustomerEvents, settings, TimeProvider.System), output, TimeProvider.System);
        }

        var lake = Path.Combine(_home.FullName, "lake");
        var rows = await ArchiveAsync(File.ReadAllLines(file), lake);

        var fromFile = ChurnTrainer.Train(new ChurnTrainingOptions { InputPath = file, OutputPath = Path.Combine(_home.FullName, "file", "churn.zip"), Seed = 3 });
        var source = LakeCustomerEvents.FromDirectory(lake);
        var fromLake = ChurnTrainer.Train(new ChurnTrainingOptions { InputPath = lake, Source = source, OutputPath = Path.Combine(_home.FullName, "lake-model", "churn.zip"), Seed = 3 });

        Assert.True(Directory.GetFiles(Path.Combine(lake, LakeDataset.CustomerEvents.Name), "*.parquet", SearchOption.AllDirectories).Length > Partitions, "the rows span several hour files");
        Assert.Equal((long)rows, fromLake.Report.Data.Lines);
        Assert.Equal(
            (fromFile.Report.Data.Events, fromFile.Report.Data.Duplicates, fromFile.Report.Data.Customers, fromFile.Report.Data.FirstEventTime, fromFile.Report.Data.LastEventTime),
            (fromLake.Report.Data.Events, fromLake.Report.Data.Duplicates, fromLake.Report.Data.Customers, fromLake.Report.Data.FirstEventTime, fromLake.Report.Data.LastEventTime));
        Assert.True(fromFile.Report.Data.Duplicates > 0, "no duplicate in the data: the test proves less than it should");
        Assert.Equal(File.ReadAllBytes(fromFile.ModelPath), File.ReadAllBytes(fromLake.ModelPath));
    }

    [Fact]
    public void Train_FromALakeWithoutCustomerEvents_FailsNamingTheDataset()
    {
        var lake = Directory.CreateDirectory(Path.Combine(_home.FullName, "empty-lake")).FullName;
        var options = new ChurnTrainingOptions { InputPath = lake, Source = LakeCustomerEvents.FromDirectory(lake), OutputPath = Path.Combine(_home.FullName, "none", "churn.zip") };

        var error = Assert.Throws<ChurnException>(() => ChurnTrainer.Train(options));

        Assert.Contains("has no customer_events dataset", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Archives the lines as the customer partitions would: partition by customer, offsets in line order per partition,
    /// a repeated event_id flagged as a duplicate, one file per partition and event-time hour. Returns the row count.
    /// </summary>
    private static async Task<int> ArchiveAsync(IReadOnlyList<string> lines, string lake)
    {
        var offsets = new long[Partitions];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<LakeRow>();
        foreach (var line in lines)
        {
            var root = JsonDocument.Parse(line).RootElement;
            var partition = (int)(root.GetProperty("customer_id").GetInt64() % Partitions);
            var duplicate = !seen.Add(root.GetProperty("event_id").GetString()!);
            rows.Add(LakeRow.FromJson(LakeDataset.CustomerEvents, Encoding.UTF8.GetBytes(line), partition, offsets[partition]++, duplicate));
        }

        foreach (var file in rows.GroupBy(r => (Hour: LakePaths.HourOf(r.EventTime), r.KafkaPartition)))
        {
            var fileRows = file.ToList();
            var key = LakePaths.DataFileKey(LakeDataset.CustomerEvents, file.Key.Hour, "node-1", file.Key.KafkaPartition, fileRows[0].KafkaOffset);
            var path = Path.Combine(lake, key.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, await LakeParquetWriter.WriteAsync(LakeDataset.CustomerEvents, fileRows, CancellationToken.None));
        }

        return rows.Count;
    }
}
