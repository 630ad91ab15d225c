namespace ActorStreams.Actors.Tests;

/// <summary>Replies every message to its sender.</summary>
public sealed class EchoActor : Actor
{
    protected override void Receive(object message) => Sender.Tell(message, Self);
}

/// <summary>Throws <see cref="Fail"/>'s exception, counts "inc", reports state on "get", records lifecycle hooks to a probe.</summary>
public sealed class StatefulActor(IActorRef? events) : Actor
{
    private int _count;

    protected override void PreStart() => events?.Tell($"prestart:{Self.Path.Name}");

    protected override void PostStop() => events?.Tell($"poststop:{Self.Path.Name}");

    protected override void PreRestart(Exception reason, object? message)
    {
        events?.Tell($"prerestart:{Self.Path.Name}:{reason.Message}:{message}");
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        events?.Tell($"postrestart:{Self.Path.Name}:{reason.Message}");
        base.PostRestart(reason);
    }

    protected override void Receive(object message)
    {
        switch (message)
        {
            case "inc":
                _count++;
                break;
            case "get":
                Sender.Tell(_count, Self);
                break;
            case Fail fail:
                throw fail.Exception;
            default:
                Unhandled(message);
                break;
        }
    }

    public sealed record Fail(Exception Exception)
    {
        public override string ToString() => $"Fail({Exception.Message})";
    }
}

/// <summary>Creates children on request and supervises them with the given strategy.</summary>
public sealed class Supervisor(SupervisorStrategy strategy) : Actor
{
    protected override SupervisorStrategy SupervisorStrategy() => strategy;

    protected override void Receive(object message)
    {
        switch (message)
        {
            case CreateChild create:
                Sender.Tell(Context.ActorOf(create.Props, create.Name), Self);
                break;
            case StatefulActor.Fail fail:
                throw fail.Exception;
            default:
                Unhandled(message);
                break;
        }
    }

    public sealed record CreateChild(Props Props, string Name);
}

/// <summary>Thrown by test actors on purpose.</summary>
public sealed class TestFailureException(string message) : Exception(message);
