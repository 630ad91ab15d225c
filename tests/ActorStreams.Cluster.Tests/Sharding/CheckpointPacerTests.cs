using ActorStreams.Cluster.Sharding;
using ActorStreams.TestKit;

namespace ActorStreams.Cluster.Tests.Sharding;

/// <summary>The node's checkpoint pacer: the interval follows what checkpoints cost, within its bounds.</summary>
[Trait("Category", "Unit")]
public sealed class CheckpointPacerTests
{
    private static readonly ClusterSettings Settings = new()
    {
        CheckpointInterval = TimeSpan.FromSeconds(1),
        CheckpointBudget = 0.1,
        CheckpointMaxInterval = TimeSpan.FromSeconds(10),
    };

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Interval_WhileCheckpointsCostLessThanTheBudget_IsTheConfiguredOne()
    {
        var pacer = new CheckpointPacer(Settings, _time, processors: 2);
        for (var i = 0; i < 30; i++)
        {
            // 5 % of the store's time, 2.5 % of two processors' time.
            Write(pacer, TimeSpan.FromMilliseconds(50));
            pacer.Captured(TimeSpan.FromMilliseconds(50));
            _time.Advance(TimeSpan.FromMilliseconds(950));
        }

        Assert.Equal(TimeSpan.FromSeconds(1), pacer.Interval);
    }

    [Fact]
    public void Interval_WhileCapturesTakeMoreThanTheBudget_GrowsUpToTheMaximum()
    {
        var pacer = new CheckpointPacer(Settings, _time, processors: 2);

        // Partitions capturing 0.6 s of processor time per second: 30 % of two processors.
        var intervals = Run(pacer, seconds: 60, perSecond: () => pacer.Captured(TimeSpan.FromMilliseconds(600)));

        Assert.True(intervals.Zip(intervals.Skip(1)).All(p => p.Item2 >= p.Item1), "the interval only grows");
        Assert.Equal(TimeSpan.FromSeconds(10), pacer.Interval);
    }

    [Fact]
    public void Interval_WhenCostFallsWithTheInterval_SettlesWhereTheCostMeetsTheBudget()
    {
        var pacer = new CheckpointPacer(Settings, _time, processors: 1);

        // Each checkpoint of the node costs 0.3 s of processing (busy entities captured once per checkpoint): at one
        // checkpoint every I seconds that is 0.3 / I of the time, within the 10 % budget from I = 3 s.
        var sinceCheckpoint = TimeSpan.Zero;
        var checkpoints = 0;
        void EverySecond()
        {
            sinceCheckpoint += TimeSpan.FromSeconds(1);
            if (sinceCheckpoint >= pacer.Interval)
            {
                pacer.Captured(TimeSpan.FromMilliseconds(300));
                sinceCheckpoint = TimeSpan.Zero;
                checkpoints++;
            }
        }

        Run(pacer, seconds: 180, EverySecond);

        // Once settled (the last two minutes), checkpoints cost about the budget and the interval stays off the bounds.
        checkpoints = 0;
        var intervals = Run(pacer, seconds: 120, EverySecond);
        Assert.InRange(checkpoints * 0.3 / 120, 0.08, 0.125);
        Assert.All(intervals, i => Assert.InRange(i.TotalSeconds, 1.5, 5));
    }

    [Fact]
    public void Interval_AfterTheLoadEnds_ShrinksBackToTheConfiguredOne()
    {
        var pacer = new CheckpointPacer(Settings, _time, processors: 2);
        Run(pacer, seconds: 30, perSecond: () => pacer.Captured(TimeSpan.FromMilliseconds(800)));
        Assert.True(pacer.Interval > TimeSpan.FromSeconds(5));

        Run(pacer, seconds: 60, perSecond: () => { });

        Assert.Equal(TimeSpan.FromSeconds(1), pacer.Interval);
    }

    [Fact]
    public void Interval_WhileWritesKeepTheStoreBusy_Grows()
    {
        var pacer = new CheckpointPacer(Settings, _time, processors: 2);

        Run(pacer, seconds: 20, perSecond: () => Write(pacer, TimeSpan.FromMilliseconds(400)));

        Assert.InRange(pacer.BusyFraction, 0.35, 0.45);
        Assert.True(pacer.Interval >= TimeSpan.FromSeconds(5), $"interval {pacer.Interval}");
    }

    private List<TimeSpan> Run(CheckpointPacer pacer, int seconds, Action perSecond)
    {
        var intervals = new List<TimeSpan>();
        for (var i = 0; i < seconds; i++)
        {
            var before = _time.GetTimestamp();
            perSecond();
            _time.Advance(TimeSpan.FromSeconds(1) - _time.GetElapsedTime(before));
            intervals.Add(pacer.Interval);
        }

        return intervals;
    }

    private void Write(CheckpointPacer pacer, TimeSpan duration)
    {
        pacer.WriteStarted();
        _time.Advance(duration);
        pacer.WriteFinished();
    }
}
