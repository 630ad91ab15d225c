using System.Buffers;
using System.Text;

namespace ActorStreams.Kafka.Partitioning;

/// <summary>
/// Kafka's Java default partitioner for keyed records: <c>toPositive(murmur2(key)) % partitions</c>
/// (<c>org.apache.kafka.common.utils.Utils.murmur2</c>), the same as librdkafka's
/// <c>partitioner=murmur2_random</c>. The source uses it to count records that arrive on a partition
/// their key does not hash to.
/// </summary>
public static class Murmur2Partitioner
{
    private const int StackKeyLimit = 256;

    /// <summary>Kafka's 32-bit murmur2 hash of <paramref name="data"/> (seed 0x9747b28c), as Java computes it.</summary>
    public static int Hash(ReadOnlySpan<byte> data)
    {
        const uint M = 0x5bd1e995;
        const int R = 24;
        var length = data.Length;
        var h = 0x9747b28cu ^ (uint)length;
        var blocks = length / 4;
        for (var i = 0; i < blocks; i++)
        {
            var k = (uint)(data[i * 4] | (data[(i * 4) + 1] << 8) | (data[(i * 4) + 2] << 16) | (data[(i * 4) + 3] << 24));
            k *= M;
            k ^= k >> R;
            k *= M;
            h *= M;
            h ^= k;
        }

        var tail = length & ~3;
        switch (length % 4)
        {
            case 3:
                h ^= (uint)data[tail + 2] << 16;
                h ^= (uint)data[tail + 1] << 8;
                h ^= data[tail];
                h *= M;
                break;
            case 2:
                h ^= (uint)data[tail + 1] << 8;
                h ^= data[tail];
                h *= M;
                break;
            case 1:
                h ^= data[tail];
                h *= M;
                break;
        }

        h ^= h >> 13;
        h *= M;
        h ^= h >> 15;
        return unchecked((int)h);
    }

    /// <summary>The partition Kafka assigns to <paramref name="key"/> among <paramref name="partitions"/>.</summary>
    public static int Partition(ReadOnlySpan<byte> key, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        return (Hash(key) & 0x7fffffff) % partitions;
    }

    /// <summary>The partition of a string key, hashed as its UTF-8 bytes (how every ActorStreams key is written).</summary>
    public static int Partition(string key, int partitions)
    {
        ArgumentNullException.ThrowIfNull(key);
        var max = Encoding.UTF8.GetMaxByteCount(key.Length);
        byte[]? rented = null;
        var buffer = max <= StackKeyLimit ? stackalloc byte[StackKeyLimit] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var written = Encoding.UTF8.GetBytes(key, buffer);
            return Partition(buffer[..written], partitions);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
