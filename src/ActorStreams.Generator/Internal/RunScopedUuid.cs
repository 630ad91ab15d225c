namespace ActorStreams.Generator.Internal;

/// <summary>
/// UUID-shaped record ids (version 4 layout) that are unique within a run: a hash of the run key (seed and
/// start) and the record's position, so a backfill repeats its ids and a run with another start does not.
/// </summary>
internal static class RunScopedUuid
{
    /// <summary>Characters of a formatted id (<c>8-4-4-4-12</c> hex digits).</summary>
    public const int Length = 36;

    /// <summary>Writes the id of record <paramref name="position"/> of the run <paramref name="runKey"/> as lowercase hex.</summary>
    public static void Format(ulong runKey, ulong position, Span<byte> destination)
    {
        var high = FastRandom.Mix(runKey + position);
        var low = FastRandom.Mix((runKey ^ 0x5851f42d4c957f2dUL) + (position * 0x9e3779b97f4a7c15UL));
        high = (high & 0xFFFFFFFFFFFF0FFFUL) | 0x4000UL;
        low = (low & 0x3FFFFFFFFFFFFFFFUL) | 0x8000000000000000UL;
        var j = 0;
        for (var i = 0; i < 32; i++)
        {
            if (i is 8 or 12 or 16 or 20)
            {
                destination[j++] = (byte)'-';
            }

            var nibble = i < 16 ? (high >> (60 - (4 * i))) & 0xF : (low >> (60 - (4 * (i - 16)))) & 0xF;
            destination[j++] = (byte)"0123456789abcdef"[(int)nibble];
        }
    }
}
