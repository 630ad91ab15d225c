namespace ActorStreams.Generator.Internal;

/// <summary>Turns weights into the cumulative form <see cref="FastRandom.PickCumulative"/> expects.</summary>
internal static class Cumulative
{
    public static double[] Of(params double[] weights)
    {
        var result = new double[weights.Length];
        var sum = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += weights[i];
            result[i] = sum;
        }

        return result;
    }
}
