using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ActorStreams.IntegrationTests.Support;

/// <summary>
/// One <c>actorstreams node</c> process (the built CLI), its output captured line by line, its admin API found from
/// the line it prints at start-up. It can be killed with SIGKILL (a crash: no handoff, no final checkpoint) or
/// stopped with SIGTERM (a graceful leave). Disposing kills it if it still runs.
/// </summary>
public sealed partial class NodeProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private const int SigStop = 19;
    private const int SigCont = 18;
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };

    private readonly Process _process;
    private readonly Action<string> _log;
    private readonly List<string> _lines = [];
    private readonly TaskCompletionSource<Uri> _admin = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NodeProcess(string nodeId, Process process, Action<string> log)
    {
        NodeId = nodeId;
        _process = process;
        _log = log;
    }

    /// <summary>The node id it was started with.</summary>
    public string NodeId { get; }

    /// <summary>Its admin API, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri Admin => _admin.Task.IsCompletedSuccessfully ? _admin.Task.Result : throw new InvalidOperationException($"node {NodeId} has not started");

    /// <summary>The admin address as the CLI's <c>--node</c> takes it (<c>host:port</c>).</summary>
    public string AdminAddress => $"{Admin.Host}:{Admin.Port}";

    /// <summary>Completes with the exit code when the process has exited.</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>Every line it printed so far (stdout and stderr).</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>The built CLI (<c>artifacts/bin/ActorStreams.Cli/&lt;configuration&gt;/actorstreams</c>), built with this test assembly.</summary>
    public static string CliPath()
    {
        // The test assembly lives in artifacts/bin/ActorStreams.IntegrationTests/<configuration>/.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var bin = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", ".."));
        var cli = Path.Combine(bin, "ActorStreams.Cli", configuration, "actorstreams");
        return File.Exists(cli) ? cli : throw new FileNotFoundException($"the CLI is not built at {cli}: build the solution first", cli);
    }

    /// <summary>
    /// Starts <c>actorstreams node --node-id <paramref name="nodeId"/> --http-port 0</c> with <paramref name="arguments"/>
    /// (e.g. <c>--port</c>, <c>--seed</c>) and every <paramref name="settings"/> as <c>--set key=value</c>, in
    /// <paramref name="workingDirectory"/>, and waits until it prints its admin address (it has joined the cluster by then).
    /// </summary>
    public static async Task<NodeProcess> StartAsync(
        string nodeId, IEnumerable<KeyValuePair<string, string>> settings, string workingDirectory, Action<string> log, TimeSpan startTimeout, IReadOnlyList<string>? arguments = null)
    {
        var info = new ProcessStartInfo(CliPath())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "node", "--node-id", nodeId, "--http-port", "0" })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments ?? [])
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in settings)
        {
            info.ArgumentList.Add("--set");
            info.ArgumentList.Add($"{key}={value}");
        }

        // Several nodes share two cores with the test: workstation GC keeps each process small.
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["DOTNET_TieredPGO"] = "0";

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var node = new NodeProcess(nodeId, process, log);
        process.OutputDataReceived += (_, e) => node.OnLine(e.Data, "out");
        process.ErrorDataReceived += (_, e) => node.OnLine(e.Data, "err");
        process.Exited += (_, _) => node.OnExited();
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start {info.FileName}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        log($"node {nodeId}: started pid {process.Id}");

        try
        {
            await Task.WhenAny(node._admin.Task, node._exited.Task).WaitAsync(startTimeout);
        }
        catch (TimeoutException)
        {
            // Reported below.
        }

        if (node._admin.Task.IsCompletedSuccessfully)
        {
            log($"node {nodeId}: admin API {node.Admin}");
            return node;
        }

        var reason = node._exited.Task.IsCompleted ? $"exited with code {node._exited.Task.Result}" : $"printed no admin address within {startTimeout.TotalSeconds:0} s";
        await node.DisposeAsync();
        throw new InvalidOperationException($"node {nodeId} {reason}; its output:\n{string.Join('\n', node.Lines)}");
    }

    /// <summary>SIGKILL: the process dies at once, wherever it is (mid-batch, mid-checkpoint).</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _exited.Task.WaitAsync(TimeSpan.FromSeconds(30));
        _log($"node {NodeId}: killed (SIGKILL)");
    }

    /// <summary>SIGSTOP: the process freezes where it is (no heartbeats, no timers) until <see cref="Resume"/>.</summary>
    public void Freeze() => Signal(SigStop, "frozen (SIGSTOP)");

    /// <summary>SIGCONT: a frozen process runs on, unaware of the time that passed.</summary>
    public void Resume() => Signal(SigCont, "resumed (SIGCONT)");

    private void Signal(int signal, string what)
    {
        if (!_process.HasExited && Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        _log($"node {NodeId}: {what}");
    }

    /// <summary>SIGTERM: the node leaves the cluster with a handoff; returns its exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        if (!_process.HasExited && Kill(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        var code = await _exited.Task.WaitAsync(timeout);
        _log($"node {NodeId}: exited with code {code} after SIGTERM");
        return code;
    }

    /// <summary>GETs <paramref name="path"/> from its admin API and parses the JSON body (any status).</summary>
    public async Task<(int Status, JsonElement Body)> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(Admin, path));
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return ((int)response.StatusCode, document.RootElement.Clone());
    }

    /// <summary>
    /// The offsets this node has completed on the input topics it owns (<c>/api/lag?scope=local</c>), summed; null when
    /// the node does not answer.
    /// </summary>
    public async Task<long?> CompletedAsync(IReadOnlyCollection<string> topics)
    {
        try
        {
            var (status, body) = await GetJsonAsync("api/lag?scope=local");
            if (status != 200)
            {
                return null;
            }

            long sum = 0;
            foreach (var partition in body.GetProperty("partitions").EnumerateArray())
            {
                if (topics.Contains(partition.GetProperty("topic").GetString()!)
                    && partition.GetProperty("completed") is { ValueKind: JsonValueKind.Number } completed)
                {
                    sum += completed.GetInt64();
                }
            }

            return sum;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Its customer shards as <c>/api/shards?scope=local</c> reports them: how many, and their checkpoint sequences
    /// summed; null when the node does not answer.
    /// </summary>
    public async Task<(int Shards, long Checkpoints)?> CheckpointedAsync()
    {
        try
        {
            var (status, body) = await GetJsonAsync("api/shards?scope=local");
            if (status != 200)
            {
                return null;
            }

            var shards = 0;
            long checkpoints = 0;
            foreach (var shard in body.GetProperty("shards").EnumerateArray().Where(s => s.GetProperty("kind").GetString() == "customer"))
            {
                shards++;
                if (shard.GetProperty("checkpoint_sequence") is { ValueKind: JsonValueKind.Number } sequence)
                {
                    checkpoints += sequence.GetInt64();
                }
            }

            return (shards, checkpoints);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// The checkpoints its customer shards started from, as their start-up log lines say
    /// (<c>shard customer/3 started at checkpoint 7, offsets transactions@1200, …</c>): per partition, the sequence and the
    /// sum of the restored next offsets.
    /// </summary>
    public IReadOnlyDictionary<int, (long Sequence, long Offsets)> RestoredCustomerShards()
    {
        var result = new Dictionary<int, (long, long)>();
        foreach (var line in Lines)
        {
            if (ShardStartedLine().Match(line) is { Success: true } match)
            {
                var offsets = OffsetItem().Matches(match.Groups[3].Value).Sum(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
                result[int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)] = (long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), offsets);
            }
        }

        return result;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _exited.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            _log($"node {NodeId}: {ex.Message}");
        }
        finally
        {
            _process.Dispose();
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [GeneratedRegex(@"shard customer/(\d+) started at checkpoint (\d+), offsets ?(.*)$")]
    private static partial Regex ShardStartedLine();

    [GeneratedRegex(@"@(\d+)")]
    private static partial Regex OffsetItem();

    [GeneratedRegex(@"admin API on (http://\S+?);")]
    private static partial Regex AdminLine();

    private void OnLine(string? line, string stream)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
        }

        if (AdminLine().Match(line) is { Success: true } match)
        {
            _admin.TrySetResult(new Uri(match.Groups[1].Value.TrimEnd('/') + "/"));
        }

        // Warnings, errors and the lifecycle lines reach the test output; routine logging stays in Lines.
        if (stream == "err" || line.Contains("warn", StringComparison.OrdinalIgnoreCase) || line.Contains("fail", StringComparison.OrdinalIgnoreCase)
            || line.StartsWith("node ", StringComparison.Ordinal))
        {
            _log(string.Create(CultureInfo.InvariantCulture, $"node {NodeId} {stream}: {line}"));
        }
    }

    private void OnExited()
    {
        // Exited can fire before the last output lines are read; WaitForExit() drains them.
        _process.WaitForExit();
        _exited.TrySetResult(_process.ExitCode);
    }
}
