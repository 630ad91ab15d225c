using System.Reflection;
using System.Runtime.InteropServices;

namespace ActorStreams.Kafka;

/// <summary>
/// Loads the librdkafka that ships with the <c>librdkafka.redist</c> package (docs/design.md §9) for
/// Confluent.Kafka and for the dev broker's P/Invoke, explicitly and by path: never a system copy.
/// </summary>
/// <remarks>
/// Confluent's own loader tries the package's <c>librdkafka.so</c> first, which links against
/// <c>libsasl2.so.3</c> (absent on Debian), and then falls back silently — to Debian's older
/// <c>librdkafka.so.1</c> when that is installed (kcat pulls it in). Loading by path and binding every
/// <c>rdkafka</c> import to that handle makes the bundled library win whatever else is installed.
/// Every Kafka type of this assembly calls <see cref="EnsureLoaded"/>; hosts may call it at start-up to
/// fail fast and log <see cref="Version"/> and <see cref="LibraryPath"/>.
/// </remarks>
public static class KafkaNative
{
    /// <summary>The bundled variants, in order of preference: with SASL/GSSAPI (needs libsasl2), then without.</summary>
    internal static readonly string[] BundledFileNames = ["librdkafka.so", "centos8-librdkafka.so"];

    private static readonly Lock Gate = new();
    private static nint _handle;
    private static string? _version;
    private static string? _path;

    /// <summary>The loaded librdkafka version (e.g. <c>2.16.0</c>); loads the library when needed.</summary>
    public static string Version
    {
        get
        {
            EnsureLoaded();
            return _version!;
        }
    }

    /// <summary>The file the library was loaded from; loads the library when needed.</summary>
    public static string LibraryPath
    {
        get
        {
            EnsureLoaded();
            return _path!;
        }
    }

    /// <summary>The folder of the bundled native library for this platform (<c>runtimes/linux-x64/native</c> beside the program).</summary>
    public static string BundledDirectory => Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeId(), "native");

    /// <summary>Loads the bundled librdkafka once per process and points Confluent.Kafka at it.</summary>
    /// <exception cref="KafkaLayerException">No bundled variant loads, or Confluent.Kafka cannot bind to it; the message says why.</exception>
    public static void EnsureLoaded()
    {
        if (Volatile.Read(ref _version) is not null)
        {
            return;
        }

        lock (Gate)
        {
            if (_version is not null)
            {
                return;
            }

            var (handle, path) = LoadBundled(BundledDirectory);
            _handle = handle;
            try
            {
                // Confluent.Kafka binds "librdkafka" (and dlopens through "libdl", which Debian 12 only ships as
                // libdl.so.2); this assembly's mock-cluster imports bind "rdkafka": all go to the handle loaded here.
                NativeLibrary.SetDllImportResolver(typeof(Confluent.Kafka.Library).Assembly, Resolve);
                NativeLibrary.SetDllImportResolver(typeof(KafkaNative).Assembly, Resolve);
                Confluent.Kafka.Library.Load(path);
                _path = path;
                Volatile.Write(ref _version, Confluent.Kafka.Library.VersionString);
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or InvalidOperationException)
            {
                throw new KafkaLayerException($"Confluent.Kafka could not bind to the bundled librdkafka at {path}: {ex.Message}", ex);
            }
        }
    }

    /// <summary>Loads the first bundled variant of <paramref name="directory"/> that the dynamic loader accepts.</summary>
    /// <exception cref="KafkaLayerException">None loads; the message lists each attempt's error.</exception>
    internal static (nint Handle, string Path) LoadBundled(string directory)
    {
        var errors = new List<string>();
        foreach (var name in BundledFileNames)
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path))
            {
                errors.Add($"{name}: not found");
                continue;
            }

            try
            {
                return (NativeLibrary.Load(path), path);
            }
            catch (DllNotFoundException ex)
            {
                errors.Add($"{name}: {ex.Message}");
            }
        }

        throw new KafkaLayerException(
            $"the bundled librdkafka could not be loaded from {directory} ({string.Join("; ", errors)}); " +
            "it comes with the librdkafka.redist package: rebuild the program so that its runtimes folder is copied beside it");
    }

    private static string RuntimeId()
    {
        var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "osx" : OperatingSystem.IsWindows() ? "win" : "unknown";
        var arch = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "x64",
            Architecture.Arm64 => "arm64",
            var other => other.ToString().ToLowerInvariant(),
        };
        return $"{os}-{arch}";
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name.Contains("rdkafka", StringComparison.Ordinal))
        {
            return _handle;
        }

        if (name == "libdl" && NativeLibrary.TryLoad("libdl.so.2", out var libdl))
        {
            return libdl;
        }

        return nint.Zero;
    }
}
