using System.Diagnostics;
using System.Globalization;
using System.Text;
using ActorStreams.Entities.Codecs;
using ActorStreams.Kafka;
using ActorStreams.Kafka.Broker;
using ActorStreams.Kafka.Consumer;
using ActorStreams.Kafka.Internal;
using ActorStreams.Kafka.Producer;
using Akka.Actor;
using Akka.Configuration;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace ActorStreams.Benchmarks.Kafka;

/// <summary>
/// <c>actorstreams bench kafka-consume</c>: preloads transaction records into an in-process dev broker
/// (not timed), then reads them all with a bare Confluent.Kafka loop, with a loop that also decodes every
/// record into a <c>Transaction</c>, with <see cref="KafkaConsumer.PlainExternalSource"/> over a
/// <see cref="KafkaConsumerHost"/> (Akka.Streams, pause/resume) and with <c>kcat -C -e</c>, reporting events/s for each.
/// </summary>
public static class KafkaConsumeBenchmark
{
    private const string Topic = "transactions";
    private const int RecordsPerPartition = 40_000;

    /// <summary>Runs the benchmark, printing progress and results to <paramref name="output"/>.</summary>
    public static async Task<IReadOnlyList<KafkaConsumeResult>> RunAsync(KafkaConsumeBenchmarkOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Events, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Partitions);
        var partitions = options.Partitions > 0 ? options.Partitions : (int)Math.Clamp((options.Events + RecordsPerPartition - 1) / RecordsPerPartition, 1, 512);

        using var broker = new DevBroker();
        broker.CreateTopic(Topic, partitions);
        var settings = new KafkaSettings
        {
            BootstrapServers = broker.BootstrapServers,
            ClientId = "bench",
            // Big batches: the dev broker returns one batch per partition per fetch, so batch size bounds read rates.
            Producer = KafkaProducerSettings.Default with
            {
                Linger = TimeSpan.FromMilliseconds(100),
                MaxBufferedMessages = 500_000,
                Properties = new Dictionary<string, string> { ["batch.num.messages"] = "100000", ["batch.size"] = "1000000" },
            },
        };
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"kafka-consume: librdkafka {KafkaNative.Version}, .NET {Environment.Version}, {Environment.ProcessorCount} cores; dev broker {broker.BootstrapServers}, " +
            $"topic \"{Topic}\" with {partitions} partitions")).ConfigureAwait(false);

        var preload = Stopwatch.StartNew();
        long bytes = 0;
        await using (var sink = new KafkaSink(settings))
        {
            var random = new Random(options.Seed);
            for (long i = 0; i < options.Events; i++)
            {
                var (key, value) = Generate(random, i);
                bytes += value.Length;
                await sink.ProduceAsync(Topic, key, value, cancellationToken).ConfigureAwait(false);
            }

            await sink.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        var (readable, dropped) = RawConsumer.Watermarks(broker.BootstrapServers, Topic, partitions);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"preloaded {options.Events:N0} records ({bytes / (double)options.Events:N0} B each, lz4) in {preload.Elapsed.TotalSeconds:N1} s (not timed below); " +
            $"{readable:N0} readable, {dropped:N0} dropped by the dev broker's 5 MiB/partition retention")).ConfigureAwait(false);
        if (readable == 0)
        {
            throw new InvalidOperationException("no record is readable: the dev broker dropped everything");
        }

        var results = new List<KafkaConsumeResult>();
        async Task Report(KafkaConsumeResult result)
        {
            results.Add(result);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {result.Case,-21} {result.Events,12:N0} events in {result.Elapsed.TotalMilliseconds,8:N0} ms = {result.EventsPerSecond,12:N0} events/s  ({result.Description})")).ConfigureAwait(false);
        }

        var bare = await Task.Run(() => RawConsumer.Consume(broker.BootstrapServers, Topic, partitions, readable, null, cancellationToken), cancellationToken).ConfigureAwait(false);
        await Report(Result("bare-consume", "Confluent.Kafka consume loop, no processing", bare.Records, bare.Elapsed)).ConfigureAwait(false);

        // Steady state: JIT-compile the decoder before timing it.
        var decoder = new TransactionDecoder();
        var warmup = new Random(options.Seed + 1);
        for (var i = 0; i < 50_000; i++)
        {
            decoder.TryDecode(Generate(warmup, i).Value, out _, out _);
        }

        var decoding = await Task.Run(
            () => RawConsumer.Consume(broker.BootstrapServers, Topic, partitions, readable, value => decoder.TryDecode(value, out _, out _), cancellationToken),
            cancellationToken).ConfigureAwait(false);
        if (decoding.Failures > 0)
        {
            throw new InvalidOperationException($"{decoding.Failures} generated records failed to decode");
        }

        await Report(Result("consume-deserialize", "the same loop decoding and validating every record into a Transaction", decoding.Records, decoding.Elapsed)).ConfigureAwait(false);

        var source = await SourceAsync(settings, partitions, readable, cancellationToken).ConfigureAwait(false);
        await Report(Result("plain-external-source", "KafkaConsumer.PlainExternalSource (Akka.Streams, pause/resume)", readable, source)).ConfigureAwait(false);

        if (options.IncludeKcat)
        {
            var (count, elapsed) = await KcatAsync(broker.BootstrapServers, cancellationToken).ConfigureAwait(false);
            await Report(Result("kcat", "kcat -C -e -o beginning -q (librdkafka in C), output counted, process start included", count, elapsed)).ConfigureAwait(false);
        }

        return results;
    }

    private static KafkaConsumeResult Result(string name, string description, long events, TimeSpan elapsed) =>
        new(name, description, events, elapsed, events / Math.Max(elapsed.TotalSeconds, 1e-9));

    /// <summary>
    /// Reads every partition through one source over the node's kind of consumer, as a node reads the partitions it
    /// owns, counting the records in a sink. Timed from the start of the stream (which assigns the partitions) to the
    /// last record, as the bare loops are timed from their first read.
    /// </summary>
    private static async Task<TimeSpan> SourceAsync(KafkaSettings settings, int partitions, long expected, CancellationToken cancellationToken)
    {
        var system = ActorSystem.Create("kafka-consume-bench", ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING"));
        try
        {
            await using var host = new KafkaConsumerHost(settings, "actorstreams-bench-source");
            host.Start();
            var starts = Enumerable.Range(0, partitions).Select(p => new KafkaPartitionStart(new KafkaPartition(Topic, p), null)).ToList();
            var clock = Stopwatch.StartNew();
            var count = await KafkaConsumer.PlainExternalSource(host, starts)
                .Take(expected)
                .RunWith(Sink.Aggregate<ConsumedRecord, long>(0, static (n, _) => n + 1), system.Materializer())
                .WaitAsync(cancellationToken)
                .ConfigureAwait(false);
            clock.Stop();
            if (count != expected)
            {
                throw new InvalidOperationException($"the source ended after {count} of {expected} records");
            }

            return clock.Elapsed;
        }
        finally
        {
            await system.Terminate().ConfigureAwait(false);
        }
    }

    private static async Task<(long Count, TimeSpan Elapsed)> KcatAsync(string bootstrap, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("kcat") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-C", "-b", bootstrap, "-t", Topic, "-e", "-o", "beginning", "-q" })
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("kcat did not start (apt-get install kcat)");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        long lines = 0;
        var buffer = new char[1 << 16];
        int read;
        while ((read = await process.StandardOutput.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count('\n');
        }

        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        clock.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kcat exited with {process.ExitCode}: {await stderr.ConfigureAwait(false)}");
        }

        return (lines, clock.Elapsed);
    }

    private static (string Key, byte[] Value) Generate(Random random, long i)
    {
        string[] categories = ["grocery", "electronics", "travel", "restaurants", "fuel", "fashion", "health", "entertainment"];
        string[] methods = ["credit_card", "debit_card", "mobile_wallet", "bank_transfer"];
        string[] cities = ["Paris", "Berlin", "Madrid", "Rome", "Lisbon", "Vienna", "Prague", "Warsaw"];
        var customer = 100_000 + random.Next(50_000);
        var timestamp = new DateTime(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(i * 37);
        var json = string.Create(CultureInfo.InvariantCulture,
            $"{{\"transaction_id\":\"tx-{i:D10}\",\"customer_id\":{customer},\"merchant_id\":\"m-{random.Next(5_000):D5}\"," +
            $"\"merchant_category\":\"{categories[random.Next(categories.Length)]}\",\"amount\":{random.Next(100, 300_000) / 100m}," +
            $"\"currency\":\"EUR\",\"payment_method\":\"{methods[random.Next(methods.Length)]}\",\"device_id\":\"dev-{customer}-{random.Next(3)}\"," +
            $"\"ip_address\":\"10.{random.Next(256)}.{random.Next(256)}.{random.Next(256)}\",\"latitude\":{(random.NextDouble() * 20) + 40:F4}," +
            $"\"longitude\":{(random.NextDouble() * 20) - 5:F4},\"country\":\"EU\",\"city\":\"{cities[random.Next(cities.Length)]}\"," +
            $"\"timestamp\":\"{timestamp:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}\",\"is_fraud\":{(random.Next(100) == 0 ? "true" : "false")}}}");
        return (customer.ToString(CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes(json));
    }
}
