using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;

namespace ActorStreams.TestKit;

/// <summary>
/// A throwaway PostgreSQL server for tests: a cluster initialised in a temporary directory (trust
/// authentication, superuser <c>postgres</c>), listening on 127.0.0.1 at a free port and on a Unix socket in
/// that directory, stopped and deleted on dispose. The server refuses to run as root, so when the tests run
/// as root it runs as the <c>postgres</c> user (<c>runuser</c>). Binaries are found in
/// <c>$ACTORSTREAMS_POSTGRES_BIN</c>, Debian's <c>/usr/lib/postgresql/&lt;version&gt;/bin</c> (newest) or the PATH.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string SuperUser = "postgres";
    private static readonly Lazy<Task<PostgresServer>> SharedServer = new(StartSharedAsync);
    private static int _databaseCounter;
    private readonly string _binDirectory;
    private readonly bool _asPostgresUser;
    private readonly PostgresServerOptions _options;
    private int _stopped;

    private PostgresServer(string binDirectory, bool asPostgresUser, string directory, int port, PostgresServerOptions options)
    {
        _binDirectory = binDirectory;
        _asPostgresUser = asPostgresUser;
        Directory = directory;
        Port = port;
        _options = options;
    }

    /// <summary>The temporary directory: data directory, log and socket.</summary>
    public string Directory { get; }

    /// <summary>The server's data directory.</summary>
    public string DataDirectory => Path.Combine(Directory, "data");

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The host to connect to.</summary>
    public string Host => "127.0.0.1";

    /// <summary>
    /// The server shared by every test of the process (started on first use, stopped when the process exits):
    /// a cluster takes a second or two to create, a database on it a few milliseconds.
    /// </summary>
    public static Task<PostgresServer> SharedAsync() => SharedServer.Value;

    /// <summary>Initialises and starts a new server; it is ready for connections when the task completes.</summary>
    /// <param name="options">Durability and timeout; null for the defaults (fast, not crash-safe: fsync off).</param>
    /// <param name="cancellationToken">Cancels the start (the directory is removed).</param>
    /// <exception cref="ActorStreamsException">PostgreSQL is not installed, or the server did not start (its log is in the message).</exception>
    public static async Task<PostgresServer> StartAsync(PostgresServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PostgresServerOptions();
        var bin = FindBinaries();
        var asPostgres = Environment.UserName == "root";
        var directory = Path.Combine(System.IO.Directory.Exists("/tmp") ? "/tmp" : Path.GetTempPath(), $"actorstreams-pg-{Guid.NewGuid():N}"[..30]);
        System.IO.Directory.CreateDirectory(directory);
        try
        {
            if (asPostgres)
            {
                await RunAsync("chown", [$"{SuperUser}:{SuperUser}", directory], asPostgresUser: false, options.StartTimeout, cancellationToken).ConfigureAwait(false);
            }

            await RunAsync(
                Path.Combine(bin, "initdb"),
                ["-D", Path.Combine(directory, "data"), "-A", "trust", "-U", SuperUser, "-E", "UTF8", "--locale=C", "--no-sync"],
                asPostgres,
                options.StartTimeout,
                cancellationToken).ConfigureAwait(false);

            // The port is free when picked but not reserved: another process may take it first, so retry on a new one.
            for (var attempt = 1; ; attempt++)
            {
                var server = new PostgresServer(bin, asPostgres, directory, FreePorts.Next(), options);
                try
                {
                    await server.StartServerAsync(options, cancellationToken).ConfigureAwait(false);
                    await server.StartWatchdogAsync(cancellationToken).ConfigureAwait(false);
                    return server;
                }
                catch (ActorStreamsException) when (attempt < 3 && !cancellationToken.IsCancellationRequested)
                {
                    await server.StopServerAsync().ConfigureAwait(false);
                }
            }
        }
        catch
        {
            DeleteDirectory(directory);
            throw;
        }
    }

    /// <summary>An Npgsql connection string for <paramref name="database"/> as the superuser.</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = Host, Port = Port, Username = SuperUser, Database = database, Pooling = true }.ConnectionString;

    /// <summary>The store URI (<c>postgres://postgres@127.0.0.1:PORT/database</c>) for <paramref name="database"/>.</summary>
    public string Uri(string database) => $"postgres://{SuperUser}@{Host}:{Port.ToString(CultureInfo.InvariantCulture)}/{database}";

    /// <summary>Creates an empty database with a unique name starting with <paramref name="prefix"/>; returns its name.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test", CancellationToken cancellationToken = default)
    {
        var clean = new string([.. prefix.ToLowerInvariant().Where(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')]);
        var name = $"{(clean.Length == 0 ? "test" : clean[..Math.Min(clean.Length, 30)])}_{Interlocked.Increment(ref _databaseCounter)}_{Guid.NewGuid():N}";
        name = name[..Math.Min(name.Length, 63)];
        await ExecuteAsync($"CREATE DATABASE \"{name}\"", cancellationToken).ConfigureAwait(false);
        return name;
    }

    /// <summary>Drops <paramref name="database"/>, closing its connections.</summary>
    public Task DropDatabaseAsync(string database, CancellationToken cancellationToken = default) =>
        ExecuteAsync($"DROP DATABASE IF EXISTS \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\" WITH (FORCE)", cancellationToken);

    /// <summary>
    /// Stops the server for a while, as an outage of the store: a fast shutdown (<c>pg_ctl stop -m fast</c>: open
    /// transactions roll back, every client is disconnected) that keeps the data directory and the port, so that
    /// <see cref="StartAgainAsync"/> brings the same databases back. Clients' connection pools are left as they are.
    /// Never stop the shared server (<see cref="SharedAsync"/>): other test classes use it.
    /// </summary>
    /// <exception cref="ActorStreamsException">The server did not stop.</exception>
    public Task StopAsync(CancellationToken cancellationToken = default) =>
        RunAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "stop"], _asPostgresUser, TimeSpan.FromSeconds(60), cancellationToken);

    /// <summary>Starts the server stopped by <see cref="StopAsync"/> again, on the same port and data directory; it is ready for connections when the task completes.</summary>
    /// <exception cref="ActorStreamsException">The server did not start (its log is in the message), e.g. because another process took the port meanwhile.</exception>
    public Task StartAgainAsync(CancellationToken cancellationToken = default) => StartServerAsync(_options, cancellationToken);

    /// <summary>Stops the server (immediate shutdown: it is thrown away) and deletes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopServerAsync().ConfigureAwait(false);
        DeleteDirectory(Directory);
    }

    private static async Task<PostgresServer> StartSharedAsync()
    {
        var server = await StartAsync().ConfigureAwait(false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            server.StopServerAsync().GetAwaiter().GetResult();
            DeleteDirectory(server.Directory);
        };
        return server;
    }

    private async Task StartServerAsync(PostgresServerOptions options, CancellationToken cancellationToken)
    {
        var settings = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"-p {Port} -k {Directory} -c listen_addresses={Host} -c max_connections=200"));
        if (!options.Durable)
        {
            settings.Append(" -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        }

        var log = Path.Combine(Directory, "server.log");
        try
        {
            await RunAsync(
                Path.Combine(_binDirectory, "pg_ctl"),
                ["-D", DataDirectory, "-l", log, "-o", settings.ToString(), "-w", "-t", ((int)options.StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture), "start"],
                _asPostgresUser,
                options.StartTimeout + TimeSpan.FromSeconds(10),
                cancellationToken).ConfigureAwait(false);
            await WaitUntilAcceptingAsync(options.StartTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (ActorStreamsException ex)
        {
            var tail = File.Exists(log) ? string.Join('\n', (await File.ReadAllLinesAsync(log, cancellationToken).ConfigureAwait(false)).TakeLast(20)) : "(no log)";
            throw new ActorStreamsException($"PostgreSQL did not start on port {Port}: {ex.Message}\nserver log:\n{tail}", ex);
        }
    }

    /// <summary>
    /// The server is a daemon: it would outlive a test process that dies without disposing it (killed by a hang
    /// timeout, or exiting before its exit handlers finish). A detached shell watches this process and, once it
    /// is gone, stops the server and deletes the directory; after a normal dispose it finds nothing left to do.
    /// </summary>
    private async Task StartWatchdogAsync(CancellationToken cancellationToken)
    {
        var stop = $"{Quote(Path.Combine(_binDirectory, "pg_ctl"))} -D {Quote(DataDirectory)} -m immediate -w stop";
        if (_asPostgresUser)
        {
            stop = $"runuser -u {SuperUser} -- {stop}";
        }

        var script = string.Create(
            CultureInfo.InvariantCulture,
            $"exec </dev/null >/dev/null 2>&1; while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; [ -f {Quote(Path.Combine(DataDirectory, "postmaster.pid"))} ] && {stop}; rm -rf {Quote(Directory)}");
        await RunAsync("setsid", ["-f", "sh", "-c", script], asPostgresUser: false, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
    }

    private static string Quote(string text) => $"'{text.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    /// <summary>Polls with real connections until the server answers (pg_ctl -w already waited for its start-up).</summary>
    private async Task WaitUntilAcceptingAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString() + ";Pooling=false;Timeout=5");
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (NpgsqlException) when (deadline.Elapsed < timeout)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
            catch (NpgsqlException ex)
            {
                throw new ActorStreamsException($"PostgreSQL on port {Port} accepted no connection within {timeout.TotalSeconds:0} s: {ex.Message}", ex);
            }
        }
    }

    private async Task StopServerAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0 || !File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await RunAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], _asPostgresUser, TimeSpan.FromSeconds(60), CancellationToken.None)
            .ConfigureAwait(false);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("ACTORSTREAMS_POSTGRES_BIN") is { Length: > 0 } configured)
        {
            return File.Exists(Path.Combine(configured, "initdb"))
                ? configured
                : throw new ActorStreamsException($"ACTORSTREAMS_POSTGRES_BIN={configured} has no initdb");
        }

        const string debian = "/usr/lib/postgresql";
        if (System.IO.Directory.Exists(debian))
        {
            var newest = System.IO.Directory.GetDirectories(debian)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: double.TryParse(Path.GetFileName(d), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0))
                .Where(d => File.Exists(Path.Combine(d.Dir, "initdb")) && File.Exists(Path.Combine(d.Dir, "pg_ctl")))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Dir)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        return onPath ?? throw new ActorStreamsException(
            "PostgreSQL is not installed (no initdb in /usr/lib/postgresql/<version>/bin, $ACTORSTREAMS_POSTGRES_BIN or the PATH): " +
            "run ./test.sh, which installs postgresql, or apt-get install postgresql");
    }


    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, bool asPostgresUser, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(asPostgresUser ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgresUser)
        {
            foreach (var prefix in (string[])["-u", SuperUser, "--", file])
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var command = string.Join(' ', start.ArgumentList.Prepend(start.FileName));
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ActorStreamsException($"could not start {command}");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new ActorStreamsException($"could not run {command}: {ex.Message}", ex);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutSource.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new ActorStreamsException($"{command} did not finish within {timeout.TotalSeconds:0} s");
            }

            if (process.ExitCode != 0)
            {
                throw new ActorStreamsException($"{command} exited with {process.ExitCode}: {(await error.ConfigureAwait(false)).Trim()} {(await output.ConfigureAwait(false)).Trim()}");
            }
        }
    }

    private static void DeleteDirectory(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
