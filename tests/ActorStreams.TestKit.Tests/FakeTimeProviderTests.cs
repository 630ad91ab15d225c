namespace ActorStreams.TestKit.Tests;

[Trait("Category", "Unit")]
public sealed class FakeTimeProviderTests
{
    [Fact]
    public void Advance_FiresDueTimersInDueTimeOrderSeeingTheirDueTime()
    {
        var time = new FakeTimeProvider();
        var fired = new List<(string Name, DateTimeOffset At)>();
        using var late = time.CreateTimer(_ => fired.Add(("late", time.GetUtcNow())), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        using var early = time.CreateTimer(_ => fired.Add(("early", time.GetUtcNow())), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var tie = time.CreateTimer(_ => fired.Add(("tie", time.GetUtcNow())), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(["early", "tie", "late"], fired.Select(f => f.Name));
        Assert.Equal(time.Start.AddSeconds(1), fired[0].At);
        Assert.Equal(time.Start.AddSeconds(3), fired[2].At);
        Assert.Equal(time.Start.AddSeconds(5), time.GetUtcNow());
    }

    [Fact]
    public void Advance_NotYetDue_DoesNotFire()
    {
        var time = new FakeTimeProvider();
        var fired = 0;
        using var timer = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromMilliseconds(1999));

        Assert.Equal(0, fired);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, fired);
    }

    [Fact]
    public void Advance_PeriodicTimer_FiresOncePerElapsedPeriodInterleavedWithOthers()
    {
        var time = new FakeTimeProvider();
        var fired = new List<string>();
        using var periodic = time.CreateTimer(_ => fired.Add("p" + (time.GetUtcNow() - time.Start).TotalSeconds), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        using var once = time.CreateTimer(_ => fired.Add("o" + (time.GetUtcNow() - time.Start).TotalSeconds), null, TimeSpan.FromSeconds(2.5), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(["p1", "p2", "o2.5", "p3"], fired);
    }

    [Fact]
    public void ChangeAndDispose_RescheduleAndCancel()
    {
        var time = new FakeTimeProvider();
        var fired = 0;
        var timer = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        Assert.True(timer.Change(TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan));
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(0, fired);
        timer.Dispose();
        time.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal(0, fired);
        Assert.False(timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
        Assert.Equal(0, time.ActiveTimerCount);
    }

    [Fact]
    public void SetUtcNow_Backwards_Throws_Forwards_Fires()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var fired = false;
        using var timer = time.CreateTimer(_ => fired = true, null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);

        Assert.Throws<ArgumentOutOfRangeException>(() => time.SetUtcNow(time.Start.AddSeconds(-1)));
        time.SetUtcNow(time.Start.AddHours(2));

        Assert.True(fired);
        Assert.Throws<ArgumentOutOfRangeException>(() => time.Advance(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public void GetTimestamp_TracksAdvances()
    {
        var time = new FakeTimeProvider();
        var start = time.GetTimestamp();

        time.Advance(TimeSpan.FromMilliseconds(1500));

        Assert.Equal(TimeSpan.FromMilliseconds(1500), time.GetElapsedTime(start));
        Assert.Equal(TimeZoneInfo.Utc, time.LocalTimeZone);
    }

    [Fact]
    public async Task TaskDelay_OnFakeTime_CompletesOnlyWhenAdvanced()
    {
        var time = new FakeTimeProvider();
        var delay = Task.Delay(TimeSpan.FromMinutes(10), time);

        Assert.False(delay.IsCompleted);
        time.Advance(TimeSpan.FromMinutes(10));

        await delay.WaitAsync(TestKitSettings.DefaultTimeout);
    }

    [Fact]
    public async Task ConcurrentTimersAndAdvances_FireEveryTimerExactlyOnce()
    {
        var time = new FakeTimeProvider();
        var fired = 0;
        var timers = new System.Collections.Concurrent.ConcurrentBag<ITimer>();
        var creators = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                timers.Add(time.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromMilliseconds(i % 50), Timeout.InfiniteTimeSpan));
            }
        })).ToArray();
        var advancer = Task.Run(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                time.Advance(TimeSpan.FromMilliseconds(1));
            }
        });

        await Task.WhenAll([.. creators, advancer]);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(2000, fired);
        Assert.Equal(0, time.ActiveTimerCount);
    }
}
