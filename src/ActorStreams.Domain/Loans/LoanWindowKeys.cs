namespace ActorStreams.Domain.Loans;

/// <summary>
/// The keys of the loan aggregates on <c>actorstreams-repartition-loans</c> and of their entities:
/// <c>channel:&lt;channel&gt;</c> (loan-stats and loan-channels) and <c>segment:&lt;segment&gt;</c> (loan-segments);
/// devices are <c>device:&lt;device_id&gt;</c>.
/// </summary>
public static class LoanWindowKeys
{
    /// <summary>The prefix of channel aggregates.</summary>
    public const string ChannelPrefix = "channel:";

    /// <summary>The prefix of segment aggregates.</summary>
    public const string SegmentPrefix = "segment:";

    /// <summary>The prefix of devices.</summary>
    public const string DevicePrefix = "device:";

    /// <summary>The key of a channel's aggregate.</summary>
    public static string Channel(string channel) => ChannelPrefix + channel;

    /// <summary>The key of a segment's aggregate.</summary>
    public static string Segment(string segment) => SegmentPrefix + segment;

    /// <summary>The key of a device.</summary>
    public static string Device(string deviceId) => DevicePrefix + deviceId;

    /// <summary>Whether <paramref name="key"/> names a loan entity: a device, a channel or a segment.</summary>
    public static bool IsEntity(string key) =>
        key.StartsWith(DevicePrefix, StringComparison.Ordinal) || IsAggregate(key);

    /// <summary>Whether <paramref name="key"/> names a channel or segment aggregate.</summary>
    public static bool IsAggregate(string key) =>
        key.StartsWith(ChannelPrefix, StringComparison.Ordinal) || key.StartsWith(SegmentPrefix, StringComparison.Ordinal);
}
