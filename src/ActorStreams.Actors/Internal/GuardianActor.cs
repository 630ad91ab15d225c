namespace ActorStreams.Actors.Internal;

/// <summary>The root, user and system guardians: they only supervise.</summary>
internal sealed class GuardianActor(SupervisorStrategy strategy) : Actor
{
    protected override void Receive(object message) => Unhandled(message);

    protected override SupervisorStrategy SupervisorStrategy() => strategy;

    // A guardian restarting would stop every actor below it; guardians never restart, so keep children.
    protected override void PreRestart(Exception reason, object? message)
    {
    }
}
