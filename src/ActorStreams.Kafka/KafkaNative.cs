using System.Reflection;
using System.Runtime.InteropServices;

namespace ActorStreams.Kafka;

/// <summary>
/// Loads Debian's librdkafka (<c>librdkafka.so.1</c>) for Confluent.Kafka and for the dev broker's
/// P/Invoke. Every Kafka type of this assembly calls <see cref="EnsureLoaded"/>; hosts may call it
/// at start-up to fail fast with the install hint.
/// </summary>
public static class KafkaNative
{
    /// <summary>The soname of the native library, as installed by <c>apt-get install librdkafka1</c>.</summary>
    public const string LibraryName = "librdkafka.so.1";

    private const string InstallHint = "apt-get install librdkafka1 librdkafka-dev";
    private static readonly Lock Gate = new();
    private static nint _handle;
    private static string? _version;

    /// <summary>The loaded librdkafka version (e.g. <c>2.0.2</c>); loads the library when needed.</summary>
    public static string Version
    {
        get
        {
            EnsureLoaded();
            return _version!;
        }
    }

    /// <summary>
    /// Loads librdkafka once per process and points Confluent.Kafka at it.
    /// </summary>
    /// <exception cref="KafkaLayerException">The native library is missing or unusable; the message names the apt packages.</exception>
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

            _handle = Open(LibraryName);

            try
            {
                // Confluent.Kafka 1.9.3 dlopens through "libdl" (absent on Debian 12 without libc6-dev)
                // and binds "librdkafka": resolve both to the real sonames.
                NativeLibrary.SetDllImportResolver(typeof(Confluent.Kafka.Library).Assembly, ResolveForConfluent);
                NativeLibrary.SetDllImportResolver(typeof(KafkaNative).Assembly, ResolveForConfluent);
                Confluent.Kafka.Library.Load(LibraryName);
                _version = Confluent.Kafka.Library.VersionString;
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or InvalidOperationException)
            {
                throw new KafkaLayerException(
                    $"librdkafka ({LibraryName}) is installed but Confluent.Kafka could not bind to it ({ex.Message}). " +
                    $"Reinstall it with: {InstallHint}", ex);
            }
        }
    }

    /// <summary>Opens <paramref name="libraryName"/> or fails with the install hint.</summary>
    internal static nint Open(string libraryName) =>
        NativeLibrary.TryLoad(libraryName, out var handle)
            ? handle
            : throw new KafkaLayerException(
                $"The native Kafka client library {libraryName} could not be loaded. Install it with: {InstallHint}");

    private static nint ResolveForConfluent(string name, Assembly assembly, DllImportSearchPath? searchPath)
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
