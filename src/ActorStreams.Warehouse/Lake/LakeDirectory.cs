namespace ActorStreams.Warehouse.Lake;

/// <summary>A lake in a local directory (docs/lake.md, Location): <c>&lt;root&gt;/&lt;dataset&gt;/dt=…/hour=…/*.parquet</c>.</summary>
public sealed class LakeDirectory : ILakeStore
{
    /// <summary>Opens the lake at <paramref name="root"/>.</summary>
    /// <exception cref="WarehouseException">The directory does not exist.</exception>
    public LakeDirectory(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
        if (!Directory.Exists(Root))
        {
            throw new WarehouseException($"lake directory not found: {root} (set it with --lake DIR or {WarehouseSettings.LakeUriKey})");
        }
    }

    /// <summary>The lake's absolute path.</summary>
    public string Root { get; }

    /// <inheritdoc/>
    public string Location => Root;

    /// <inheritdoc/>
    public Task<IReadOnlyList<LakeFile>> ListAsync(CancellationToken cancellationToken)
    {
        var files = new List<LakeFile>();
        foreach (var dataset in LakeDataset.All)
        {
            var datasetDirectory = new DirectoryInfo(Path.Combine(Root, dataset.Name));
            if (!datasetDirectory.Exists)
            {
                continue;
            }

            foreach (var dt in datasetDirectory.EnumerateDirectories("dt=*"))
            {
                foreach (var hourDirectory in dt.EnumerateDirectories("hour=*"))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!LakeHour.TryParsePartition(dt.Name, hourDirectory.Name, out var hour))
                    {
                        continue;
                    }

                    // Names starting with '.' or '_' are a writer's temporary files (Hive and Spark skip them too).
                    foreach (var file in hourDirectory.EnumerateFiles("*.parquet").Where(f => f.Name[0] is not ('.' or '_')))
                    {
                        files.Add(new LakeFile(dataset, hour, $"{dataset.Name}/{dt.Name}/{hourDirectory.Name}/{file.Name}", file.Length));
                    }
                }
            }
        }

        return Task.FromResult<IReadOnlyList<LakeFile>>([.. files.OrderBy(f => f.RelativePath, StringComparer.Ordinal)]);
    }

    /// <inheritdoc/>
    public Task<string> LocalPathAsync(LakeFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Task.FromResult(Path.Combine(Root, file.RelativePath));
    }
}
