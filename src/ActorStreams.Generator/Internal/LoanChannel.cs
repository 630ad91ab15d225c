using System.Text.Json;

namespace ActorStreams.Generator.Internal;

/// <summary>
/// A channel loan applications come through, with its share of everyday applications, how long its form takes
/// compared with the web form, and how long a decision takes there (log-normal, in seconds).
/// </summary>
internal sealed class LoanChannel
{
    private readonly double _logProcessingMedian;
    private readonly double _processingSigma;

    private LoanChannel(string name, double weight, double durationFactor, double processingMedianSeconds, double processingSigma, bool isDigital)
    {
        NameJson = JsonText.Encode(name);
        Weight = weight;
        DurationFactor = durationFactor;
        _logProcessingMedian = Math.Log(processingMedianSeconds);
        _processingSigma = processingSigma;
        IsDigital = isDigital;
    }

    public JsonEncodedText NameJson { get; }

    /// <summary>Share of everyday applications through this channel.</summary>
    public double Weight { get; }

    /// <summary>The median time spent on the form here relative to the web form (an agent types slower than a customer clicks).</summary>
    public double DurationFactor { get; }

    /// <summary>Self-service channels a fraudster or a script can use without meeting anyone.</summary>
    public bool IsDigital { get; }

    /// <summary>
    /// The five channels of the contract: automated decisions on web and mobile in seconds to minutes, partners in
    /// minutes, a branch or the call centre in about an hour.
    /// </summary>
    public static LoanChannel[] CreateAll() =>
    [
        new("web", 40, 1.0, 40, 1.0, isDigital: true),
        new("mobile", 30, 0.8, 35, 1.0, isDigital: true),
        new("branch", 12, 1.5, 5_400, 0.7, isDigital: false),
        new("partner", 10, 0.9, 600, 0.8, isDigital: true),
        new("call_center", 8, 1.3, 3_600, 0.7, isDigital: false),
    ];

    /// <summary>Seconds from submission to decision; a pending application waits for a manual review, about four times longer.</summary>
    public double DrawProcessingSeconds(FastRandom random, bool pending)
    {
        var seconds = Math.Exp(_logProcessingMedian + (_processingSigma * random.NextGaussian()));
        return pending ? seconds * 4 : seconds;
    }
}
