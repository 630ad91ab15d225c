namespace ActorStreams.Lake;

/// <summary>
/// A data file of the lake, as its key names it (docs/lake.md, Layout):
/// <c>&lt;dataset&gt;/dt=YYYY-MM-DD/hour=HH/part-&lt;node&gt;-&lt;partition&gt;-&lt;first offset&gt;.parquet</c>.
/// </summary>
/// <param name="Dataset">The dataset of the file's rows.</param>
/// <param name="Hour">The UTC hour of the rows' event time (minutes and below are zero).</param>
/// <param name="NodeId">The node that decided the file's rows.</param>
/// <param name="Partition">The pipeline's partition.</param>
/// <param name="FirstOffset">The <c>kafka_offset</c> of the file's first row.</param>
public sealed record LakeDataFile(LakeDataset Dataset, DateTimeOffset Hour, string NodeId, int Partition, long FirstOffset)
{
    /// <summary>The file's key under the lake's root.</summary>
    public string Key => LakePaths.DataFileKey(Dataset, Hour, NodeId, Partition, FirstOffset);
}
