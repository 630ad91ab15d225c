using System.Globalization;
using Akka.Actor;

namespace ActorStreams.Benchmarks;

/// <summary>Runs <see cref="EntityDriver"/>s, one per partition, and times them.</summary>
internal static class EntityDrivers
{
    /// <summary>Starts one <see cref="EntityDriver"/> per partition (<paramref name="epochs"/> gives each its epoch) and times them until every command is answered.</summary>
    public static async Task<Measurement> RunAsync(
        ActorSystem system, IActorRef firstContact, long[] epochs, PartitionWork[] work, int window, CancellationToken cancellationToken)
    {
        var drivers = new List<(IActorRef Driver, Task Done)>();
        foreach (var part in work)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var plan = new DriverPlan(firstContact, epochs[part.Partition], part.EntityIds, part.Order, part.Payloads, Increment.Instance, window, done);
            drivers.Add((system.ActorOf(Props.Create<EntityDriver>(plan), "driver-" + part.Partition.ToString(CultureInfo.InvariantCulture)), done.Task));
        }

        var total = work.Sum(w => (long)w.Commands);
        return await Measurement.TimeAsync(async () =>
        {
            foreach (var (driver, _) in drivers)
            {
                driver.Tell(EntityDriver.Go.Instance);
            }

            await Measurement.WithinLimitAsync(Task.WhenAll(drivers.Select(d => d.Done)), cancellationToken).ConfigureAwait(false);
            return total;
        }).ConfigureAwait(false);
    }
}
