using System.Runtime.InteropServices;

namespace ActorStreams.Kafka.Internal;

/// <summary>
/// P/Invoke to librdkafka's C API for the mock cluster (rdkafka.h, rdkafka_mock.h of librdkafka 2.16).
/// "rdkafka" resolves to the handle <see cref="KafkaNative"/> loaded.
/// </summary>
internal static partial class MockNative
{
    private const string Lib = "rdkafka";

    public const int ProducerType = 0;
    public const int ConfOk = 0;

    [LibraryImport(Lib, EntryPoint = "rd_kafka_conf_new")]
    public static partial nint ConfNew();

    [LibraryImport(Lib, EntryPoint = "rd_kafka_conf_destroy")]
    public static partial void ConfDestroy(nint conf);

    [LibraryImport(Lib, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ConfSet(nint conf, string name, string value, byte[] errstr, nuint errstrSize);

    [LibraryImport(Lib, EntryPoint = "rd_kafka_new")]
    public static partial nint KafkaNew(int type, nint conf, byte[] errstr, nuint errstrSize);

    [LibraryImport(Lib, EntryPoint = "rd_kafka_destroy")]
    public static partial void KafkaDestroy(nint rk);

    [LibraryImport(Lib, EntryPoint = "rd_kafka_mock_cluster_new")]
    public static partial nint ClusterNew(nint rk, int brokerCount);

    [LibraryImport(Lib, EntryPoint = "rd_kafka_mock_cluster_destroy")]
    public static partial void ClusterDestroy(nint cluster);

    [LibraryImport(Lib, EntryPoint = "rd_kafka_mock_cluster_bootstraps")]
    public static partial nint ClusterBootstraps(nint cluster);

    [LibraryImport(Lib, EntryPoint = "rd_kafka_mock_topic_create", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TopicCreate(nint cluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(Lib, EntryPoint = "rd_kafka_mock_broker_set_host_port", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void BrokerSetHostPort(nint cluster, int brokerId, string host, int port);

    [LibraryImport(Lib, EntryPoint = "rd_kafka_mock_broker_set_rtt")]
    public static partial int BrokerSetRtt(nint cluster, int brokerId, int rttMs);

    // The variadic rd_kafka_mock_push_request_errors cannot be called portably from .NET: use the array form.
    [LibraryImport(Lib, EntryPoint = "rd_kafka_mock_push_request_errors_array")]
    public static partial void PushRequestErrorsArray(nint cluster, short apiKey, nuint count, int[] errors);

    [LibraryImport(Lib, EntryPoint = "rd_kafka_mock_clear_request_errors")]
    public static partial void ClearRequestErrors(nint cluster, short apiKey);

    [LibraryImport(Lib, EntryPoint = "rd_kafka_err2str")]
    public static partial nint ErrorToString(int error);

    public static string Describe(int error) => $"{Marshal.PtrToStringUTF8(ErrorToString(error))} ({error})";

    public static string ErrorText(byte[] errstr)
    {
        var end = Array.IndexOf(errstr, (byte)0);
        return System.Text.Encoding.UTF8.GetString(errstr, 0, end < 0 ? errstr.Length : end);
    }
}
