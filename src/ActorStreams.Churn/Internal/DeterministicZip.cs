using System.IO.Compression;

namespace ActorStreams.Churn.Internal;

/// <summary>
/// Rewrites a zip with every entry's time fixed, in the same order with the same content: ML.NET stamps entries with
/// the current time, and the model version is a hash of the zip's bytes, so the same training must give the same bytes.
/// </summary>
internal static class DeterministicZip
{
    private static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Normalise(byte[] zip)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = EntryTime;
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        }

        return output.ToArray();
    }
}
