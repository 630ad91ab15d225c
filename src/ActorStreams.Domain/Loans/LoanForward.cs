namespace ActorStreams.Domain.Loans;

/// <summary>
/// A scored application on its way from its customer partition to its device's loan partition
/// (<c>actorstreams-repartition-loans</c>, docs/design.md §6): what DEVICE_SHARED and the windows need of it.
/// </summary>
public sealed record LoanForward
{
    /// <summary><c>application_id</c>.</summary>
    public required string ApplicationId { get; init; }

    /// <summary><c>customer_id</c>.</summary>
    public required CustomerId CustomerId { get; init; }

    /// <summary><c>device_id</c>.</summary>
    public required string DeviceId { get; init; }

    /// <summary><c>channel</c>.</summary>
    public required string Channel { get; init; }

    /// <summary><c>product</c>.</summary>
    public required string Product { get; init; }

    /// <summary><c>credit_score</c>.</summary>
    public required int CreditScore { get; init; }

    /// <summary><c>decision</c>.</summary>
    public required string Decision { get; init; }

    /// <summary><c>loan_amount</c>.</summary>
    public required decimal LoanAmount { get; init; }

    /// <summary><c>processing_time_s</c>.</summary>
    public required decimal ProcessingTimeSeconds { get; init; }

    /// <summary><c>application_duration_s</c>.</summary>
    public required decimal ApplicationDurationSeconds { get; init; }

    /// <summary>identity_verification_score was below the IDENTITY_MISMATCH threshold.</summary>
    public required bool IdentityFailed { get; init; }

    /// <summary>At least one customer rule (IDENTITY_MISMATCH, BOT_SPEED, APPLICATION_BURST) fired.</summary>
    public required bool CustomerAlerted { get; init; }

    /// <summary>The application's timestamp.</summary>
    public required EventTime EventTime { get; init; }

    /// <summary>The customer partition it came from (a source of the loan watermark).</summary>
    public required int SourcePartition { get; init; }

    /// <summary>Its offset in <c>loan-applications</c> (replays repeat it).</summary>
    public required long SourceOffset { get; init; }

    /// <summary>The source's loan watermark after this application.</summary>
    public required EventTime SourceWatermark { get; init; }

    /// <summary>The forward of a scored application.</summary>
    public static LoanForward From(LoanApplication application, LoanEvaluation evaluation, int sourcePartition, long sourceOffset, EventTime sourceWatermark)
    {
        ArgumentNullException.ThrowIfNull(application);
        return new LoanForward
        {
            ApplicationId = application.ApplicationId,
            CustomerId = application.CustomerId,
            DeviceId = application.DeviceId,
            Channel = application.Channel,
            Product = application.Product,
            CreditScore = application.CreditScore,
            Decision = application.Decision,
            LoanAmount = application.LoanAmount,
            ProcessingTimeSeconds = application.ProcessingTimeSeconds,
            ApplicationDurationSeconds = application.ApplicationDurationSeconds,
            IdentityFailed = evaluation.IdentityFailed,
            CustomerAlerted = evaluation.Alerted,
            EventTime = application.Timestamp,
            SourcePartition = sourcePartition,
            SourceOffset = sourceOffset,
            SourceWatermark = sourceWatermark,
        };
    }
}
