using ActorStreams.Domain.Internal;

namespace ActorStreams.Domain.Loans;

/// <summary>The binary form of a <see cref="LoanForward"/> inside snapshots.</summary>
internal static class LoanForwardSnapshot
{
    public static void Write(SnapshotWriter writer, LoanForward application)
    {
        writer.WriteString(application.ApplicationId);
        writer.WriteInt64(application.CustomerId.Value);
        writer.WriteString(application.DeviceId);
        writer.WriteString(application.Channel);
        writer.WriteString(application.Product);
        writer.WriteInt32(application.CreditScore);
        writer.WriteString(application.Decision);
        writer.WriteDecimal(application.LoanAmount);
        writer.WriteDecimal(application.ProcessingTimeSeconds);
        writer.WriteDecimal(application.ApplicationDurationSeconds);
        writer.WriteBool(application.IdentityFailed);
        writer.WriteBool(application.CustomerAlerted);
        writer.WriteInt64(application.EventTime.Ticks);
        writer.WriteInt32(application.SourcePartition);
        writer.WriteInt64(application.SourceOffset);
        writer.WriteInt64(application.SourceWatermark.Ticks);
    }

    public static LoanForward Read(ref SnapshotReader reader) => new()
    {
        ApplicationId = reader.ReadRequiredString(),
        CustomerId = new CustomerId(reader.ReadInt64()),
        DeviceId = reader.ReadRequiredString(),
        Channel = Known(ref reader, reader.ReadRequiredString(), LoanChannels.All),
        Product = Known(ref reader, reader.ReadRequiredString(), LoanProducts.All),
        CreditScore = reader.ReadInt32(),
        Decision = Known(ref reader, reader.ReadRequiredString(), LoanDecisions.All),
        LoanAmount = reader.ReadDecimal(),
        ProcessingTimeSeconds = reader.ReadDecimal(),
        ApplicationDurationSeconds = reader.ReadDecimal(),
        IdentityFailed = reader.ReadBool(),
        CustomerAlerted = reader.ReadBool(),
        EventTime = new EventTime(reader.ReadInt64()),
        SourcePartition = reader.ReadInt32(),
        SourceOffset = reader.ReadInt64(),
        SourceWatermark = new EventTime(reader.ReadInt64()),
    };

    /// <summary>The shared instance of a vocabulary value, so that comparisons stay cheap.</summary>
    private static string Known(ref SnapshotReader reader, string value, IReadOnlyList<string> vocabulary)
    {
        foreach (var known in vocabulary)
        {
            if (string.Equals(known, value, StringComparison.Ordinal))
            {
                return known;
            }
        }

        throw reader.Corrupt($"unknown value \"{value}\"");
    }
}
