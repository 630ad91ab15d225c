using Microsoft.ML;

namespace ActorStreams.Churn.Internal;

/// <summary>A model fitted on the fit set and calibrated on validation, with the threshold validation chose.</summary>
/// <param name="Name">The model's name in the report.</param>
/// <param name="Transformer">The whole chain: trainer output, then the Platt calibrator writing <c>Probability</c>.</param>
/// <param name="Threshold">The F1-maximising threshold on validation.</param>
/// <param name="ValidationPrAuc">Average precision on validation.</param>
internal sealed record FittedModel(string Name, ITransformer Transformer, float Threshold, double ValidationPrAuc);
