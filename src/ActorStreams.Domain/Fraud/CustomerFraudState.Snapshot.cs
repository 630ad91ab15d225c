using System.Buffers;
using ActorStreams.Domain.Internal;

namespace ActorStreams.Domain.Fraud;

public sealed partial class CustomerFraudState
{
    /// <summary>The snapshot format version written as the first byte.</summary>
    public const byte SnapshotVersion = 1;

    /// <summary>
    /// Writes a versioned binary snapshot; <see cref="Read"/> of it continues exactly as this
    /// state would. Settings are not part of the snapshot (they come from configuration).
    /// </summary>
    public void Write(IBufferWriter<byte> buffer) => WriteTo(new SnapshotWriter(buffer));

    /// <summary>Restores a state written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The data is not a valid snapshot of this version.</exception>
    public static CustomerFraudState Read(ReadOnlySpan<byte> snapshot, FraudRuleSettings settings)
    {
        var reader = new SnapshotReader(snapshot, nameof(CustomerFraudState));
        var state = ReadFrom(ref reader, settings);
        reader.ExpectEnd();
        return state;
    }

    internal void WriteTo(SnapshotWriter writer)
    {
        writer.WriteByte(SnapshotVersion);
        writer.WriteInt64(_transactionCount);
        writer.WriteInt64(_lateEvents);
        writer.WriteInt64(_maxT);
        writer.WriteInt64(_rapidFireAnchor);
        writer.WriteInt64(_velocityAnchor);
        writer.WriteBool(_hasTravelAnchor);
        writer.WriteInt64(_travelTicks);
        writer.WriteDouble(_travelLatitude);
        writer.WriteDouble(_travelLongitude);
        writer.WriteInt32(_windowCount);
        for (var i = _windowHead; i < _windowHead + _windowCount; i++)
        {
            writer.WriteInt64(_window[i].Ticks);
            writer.WriteDecimal(_window[i].Cumulative - CumulativeBefore(i));
        }

        writer.WriteInt32(_deviceCount);
        for (var i = 0; i < _deviceCount; i++)
        {
            writer.WriteString(_devices[i]);
        }
    }

    internal static CustomerFraudState ReadFrom(ref SnapshotReader reader, FraudRuleSettings settings)
    {
        var state = new CustomerFraudState(settings);
        reader.ExpectVersion(SnapshotVersion);
        state._transactionCount = reader.ReadInt64();
        state._lateEvents = reader.ReadInt64();
        state._maxT = reader.ReadInt64();
        state._rapidFireAnchor = reader.ReadInt64();
        state._velocityAnchor = reader.ReadInt64();
        state._hasTravelAnchor = reader.ReadBool();
        state._travelTicks = reader.ReadInt64();
        state._travelLatitude = reader.ReadDouble();
        state._travelLongitude = reader.ReadDouble();

        var windowCount = reader.ReadCount(1 << 24);
        if (windowCount > 0)
        {
            state._window = new WindowEntry[Math.Max(MinWindowCapacity, windowCount)];
            var previous = long.MinValue;
            var cumulative = 0m;
            for (var i = 0; i < windowCount; i++)
            {
                var ticks = reader.ReadInt64();
                if (ticks < previous)
                {
                    throw reader.Corrupt("window entries out of order");
                }

                previous = ticks;
                cumulative += reader.ReadDecimal();
                state._window[i] = new WindowEntry(ticks, cumulative);
            }

            state._windowCount = windowCount;
        }

        var deviceCount = reader.ReadCount(1 << 16);
        var kept = Math.Min(deviceCount, settings.DeviceHistorySize);
        if (kept > 0)
        {
            state._devices = new string[kept];
        }

        for (var i = 0; i < deviceCount; i++)
        {
            var device = reader.ReadRequiredString();
            if (i < kept)
            {
                state._devices[i] = device;
            }
        }

        state._deviceCount = kept;
        return state;
    }
}
