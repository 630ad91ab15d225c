using System.Diagnostics;
using System.Text;
using ActorStreams.TestKit;
using Xunit.Sdk;

namespace ActorStreams.Lake.Tests.Storage;

/// <summary>
/// A real S3-compatible server for the S3 storage tests: s3rver (npm), installed with <c>npm ci</c> into
/// <c>tests/ActorStreams.Lake.Tests/S3rver</c> when its node_modules is missing, started with node on a free port with
/// a temporary data directory and the bucket <see cref="Bucket"/>, and stopped when the tests are done.
/// </summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    /// <summary>The bucket the server creates at start.</summary>
    public const string Bucket = "lake-tests";

    /// <summary>s3rver's fixed access key (it checks signatures against it).</summary>
    public const string AccessKey = "S3RVER";

    /// <summary>s3rver's fixed secret key.</summary>
    public const string SecretKey = "S3RVER";

    private readonly StringBuilder _output = new();
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("s3rver-").FullName;
    private Process? _process;

    /// <summary>The server's base URL.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Settings that reach the server as docs/lake.md describes: endpoint, path style, explicit credentials.</summary>
    public LakeS3Settings Settings => new()
    {
        Endpoint = Endpoint,
        ForcePathStyle = true,
        AccessKey = AccessKey,
        SecretKey = SecretKey,
    };

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var folder = Path.Combine(TestPaths.RepositoryRoot(), "tests", "ActorStreams.Lake.Tests", "S3rver");
        var script = Path.Combine(folder, "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
        {
            // Several test projects start this fixture (their runs may overlap): one npm ci at a time, the others use it.
            using var installing = await LockAsync(Path.Combine(Path.GetTempPath(), "actorstreams-s3rver-npm-ci.lock")).ConfigureAwait(false);
            if (!File.Exists(script))
            {
                await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], folder, TimeSpan.FromMinutes(5)).ConfigureAwait(false);
            }
        }

        var port = FreePorts.Next();
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        // s3rver makes listing continuation tokens with DES, which OpenSSL 3 (Node.js 17 and later) keeps in its legacy provider.
        _process = Start("node", ["--openssl-legacy-provider", script, "--directory", _dataDirectory, "--address", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--configure-bucket", Bucket, "--silent"], folder);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.UntilAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw FailException.ForFailure($"s3rver exited with code {_process.ExitCode} before answering on {Endpoint}: {Output()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Endpoint, Bucket)).ConfigureAwait(false);
                return true;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30), $"s3rver answers on {Endpoint}").ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process?.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    /// <summary>Holds <paramref name="path"/> exclusively (an advisory lock between processes) until disposed.</summary>
    private static async Task<FileStream> LockAsync(string path)
    {
        FileStream? stream = null;
        await Eventually.Until(
            () =>
            {
                try
                {
                    stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                    return true;
                }
                catch (IOException)
                {
                    return false;
                }
            },
            TimeSpan.FromMinutes(6),
            $"no other test process installs s3rver ({path})").ConfigureAwait(false);
        return stream!;
    }

    private Process Start(string file, IEnumerable<string> arguments, string directory)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw FailException.ForFailure($"could not start {file}");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw FailException.ForFailure($"could not start {file} (is Node.js with npm installed? scripts/ensure-deps.sh test installs it): {ex.Message}");
        }

        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        return process;
    }

    private async Task RunAsync(string file, IEnumerable<string> arguments, string directory, TimeSpan timeout)
    {
        using var process = Start(file, arguments, directory);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw FailException.ForFailure($"{file} {string.Join(' ', arguments)} in {directory} took longer than {timeout}: {Output()}");
        }

        if (process.ExitCode != 0)
        {
            throw FailException.ForFailure($"{file} {string.Join(' ', arguments)} in {directory} failed with code {process.ExitCode}: {Output()}");
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
