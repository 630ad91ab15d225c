namespace ActorStreams.Cli.Inspection;

/// <summary>One dispatched server-sent event: its <c>event:</c> type (<c>message</c> when absent) and its data lines joined by newlines.</summary>
internal sealed record ServerSentEvent(string Type, string Data);
