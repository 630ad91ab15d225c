namespace ActorStreams.Generator.Internal;

/// <summary>Identifies one injected loan fraud pattern instance: its kind and a sequence number.</summary>
internal readonly record struct LoanFraudInjection(LoanFraudPattern Pattern, long Id);
