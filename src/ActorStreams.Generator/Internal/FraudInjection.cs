namespace ActorStreams.Generator.Internal;

/// <summary>Identifies one injected pattern instance: its kind and a sequence number.</summary>
internal readonly record struct FraudInjection(FraudPattern Pattern, long Id);
