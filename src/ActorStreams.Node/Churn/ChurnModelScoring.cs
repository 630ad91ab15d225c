using ActorStreams.Churn;
using ActorStreams.Domain.Behaviour;
using ActorStreams.Entities;
using Microsoft.Extensions.Logging;

namespace ActorStreams.Node.Churn;

/// <summary>
/// The node's churn model (<c>actorstreams.churn.model</c>, docs/design.md §6 Churn model online): loaded at start, then
/// reloaded whenever the zip or its <c>.metrics.json</c> changes (checked every <c>model-check-interval</c>). A change
/// that does not load (a half-copied file, a mismatched pair) is logged and the previous model goes on scoring; it is
/// tried again at the next change. Each thread scores with its own <see cref="ChurnScorer"/> of the current model.
/// </summary>
public sealed partial class ChurnModelScoring : IChurnScoring, IDisposable
{
    private readonly string _path;
    private readonly BehaviourSettings _features;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private volatile Loaded _current;
    private (DateTime, long, DateTime, long) _seen;
    private long _reloads;
    private long _failedReloads;

    private ChurnModelScoring(string path, BehaviourSettings features, Loaded first, (DateTime, long, DateTime, long) seen, TimeSpan interval, TimeProvider time, ILogger logger)
    {
        _path = path;
        _features = features;
        _current = first;
        _seen = seen;
        _logger = logger;
        _timer = time.CreateTimer(_ => Check(), null, interval, interval);
    }

    /// <summary>The loaded model's version (its zip's hash).</summary>
    public string Version => _current.Model.Version;

    /// <summary>The loaded model's name.</summary>
    public string ModelName => _current.Model.ModelName;

    /// <summary>How many times a changed model file was loaded.</summary>
    public long Reloads => Interlocked.Read(ref _reloads);

    /// <summary>How many times a changed model file could not be loaded (the previous model went on).</summary>
    public long FailedReloads => Interlocked.Read(ref _failedReloads);

    /// <summary>Loads the model at <paramref name="path"/> and starts watching it.</summary>
    /// <exception cref="ChurnException">The model cannot be loaded.</exception>
    public static ChurnModelScoring Start(string path, BehaviourSettings features, TimeSpan checkInterval, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(time);
        var seen = Stamp(path);
        var model = ChurnModel.Load(path, features);
        LogLoaded(logger, model.ModelName, model.Version, model.Threshold, path);
        return new ChurnModelScoring(path, features, new Loaded(model), seen, checkInterval, time, logger);
    }

    /// <inheritdoc />
    public IChurnScorer? Scorer() => _current.Scorers.Value;

    /// <summary>Looks at the files now and loads them if they changed (the timer calls it; tests may too).</summary>
    public void Check()
    {
        lock (_gate)
        {
            (DateTime, long, DateTime, long) stamp;
            try
            {
                stamp = Stamp(_path);
            }
            catch (ChurnException)
            {
                return; // being replaced: the next check sees the new file
            }

            if (stamp == _seen)
            {
                return;
            }

            try
            {
                var model = ChurnModel.Load(_path, _features);
                _current = new Loaded(model);
                _seen = stamp;
                Interlocked.Increment(ref _reloads);
                LogLoaded(_logger, model.ModelName, model.Version, model.Threshold, _path);
            }
            catch (ChurnException e)
            {
                // Marked as seen: tried again when either file changes again (as a copy still under way will change it).
                Interlocked.Increment(ref _failedReloads);
                LogReloadFailed(_logger, _path, _current.Model.Version, e.Message);
                _seen = stamp;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _timer.Dispose();

    /// <summary>The zip's and the metrics file's last write times and lengths.</summary>
    private static (DateTime, long, DateTime, long) Stamp(string path)
    {
        var zip = new FileInfo(path);
        var metrics = new FileInfo(ChurnTrainingOptions.MetricsPath(path));
        if (!zip.Exists || !metrics.Exists)
        {
            throw new ChurnException($"the churn model {(zip.Exists ? metrics.FullName : zip.FullName)} does not exist (actorstreams.churn.model)");
        }

        return (zip.LastWriteTimeUtc, zip.Length, metrics.LastWriteTimeUtc, metrics.Length);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "churn model {Model} {Version} (threshold {Threshold}) loaded from {Path}")]
    private static partial void LogLoaded(ILogger logger, string model, string version, float threshold, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "churn model {Path} changed but does not load; model {Version} goes on scoring: {Error}")]
    private static partial void LogReloadFailed(ILogger logger, string path, string version, string error);

    /// <summary>A loaded model and its per-thread scorers.</summary>
    private sealed class Loaded(ChurnModel model)
    {
        public ChurnModel Model { get; } = model;

        public ThreadLocal<IChurnScorer?> Scorers { get; } = new(() => new ThreadScorer(model.CreateScorer()));
    }

    /// <summary>A <see cref="ChurnScorer"/> as the entities see it.</summary>
    private sealed class ThreadScorer(ChurnScorer scorer) : IChurnScorer
    {
        public string ModelName => scorer.ModelName;

        public string Version => scorer.Version;

        public float Threshold => scorer.Threshold;

        public float Score(ReadOnlySpan<float> features) => scorer.Score(features);
    }
}
