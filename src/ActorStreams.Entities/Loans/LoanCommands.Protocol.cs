using ActorStreams.Domain;
using ActorStreams.Domain.Loans;
using ActorStreams.Kafka.Producer;

namespace ActorStreams.Entities.Loans;

/// <summary>An application for its device, with the loan partition's watermark when it was dispatched.</summary>
/// <param name="Application">The forwarded application.</param>
/// <param name="Watermark">The partition's watermark (applications at or before it are evaluated at once).</param>
public sealed record AddDeviceApplication(LoanForward Application, EventTime Watermark);

/// <summary>The partition's watermark reached some of the device's waiting applications: evaluate them.</summary>
/// <param name="Watermark">The watermark.</param>
public sealed record EvaluateDevice(EventTime Watermark);

/// <summary>Every upstream source is idle: evaluate every waiting application.</summary>
public sealed record FlushDevice
{
    /// <summary>The instance (the command carries nothing).</summary>
    public static readonly FlushDevice Instance = new();
}

/// <summary>A loan partition's partial of one window for a channel or segment.</summary>
/// <param name="WindowStart">The window.</param>
/// <param name="Source">The loan partition that shipped it.</param>
/// <param name="Aggregate">Its sums.</param>
public sealed record AddLoanPartial(EventTime WindowStart, int Source, LoanAggregate Aggregate);

/// <summary>The watermark over the loan partitions passed some of the aggregate's windows: emit them.</summary>
/// <param name="Watermark">The watermark.</param>
public sealed record CloseLoanWindows(EventTime Watermark);

/// <summary>Every loan partition is idle: emit every open window.</summary>
public sealed record FlushLoanWindows
{
    /// <summary>The instance (the command carries nothing).</summary>
    public static readonly FlushLoanWindows Instance = new();
}

/// <summary>What a device answered: the applications it decided on and the DEVICE_SHARED alerts to produce.</summary>
/// <param name="Verdicts">Decided applications (for the windows).</param>
/// <param name="Alerts">Alert records.</param>
public sealed record DeviceOutcome(IReadOnlyList<DeviceVerdict> Verdicts, IReadOnlyList<ProducerRecord> Alerts);
