namespace ActorStreams.Domain.Loans;

/// <summary>What a device decided about one application: whether DEVICE_SHARED fired, or that it was late for it.</summary>
/// <param name="Application">The application.</param>
/// <param name="DeviceShared">DEVICE_SHARED fired.</param>
/// <param name="Late">The application was late for DEVICE_SHARED (not evaluated).</param>
public readonly record struct DeviceVerdict(LoanForward Application, bool DeviceShared, bool Late)
{
    /// <summary>At least one of the four loan rules fired.</summary>
    public bool FraudAlerted => DeviceShared || Application.CustomerAlerted;
}
