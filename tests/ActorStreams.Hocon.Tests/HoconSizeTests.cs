namespace ActorStreams.Hocon.Tests;

[Trait("Category", "Unit")]
public sealed class HoconSizeTests
{
    private const long Ki = 1024;
    private const long Mi = Ki * Ki;
    private const long Gi = Mi * Ki;
    private const long Ti = Gi * Ki;
    private const long Pi = Ti * Ki;
    private const long Ei = Pi * Ki;

    public static TheoryData<string, long> Sizes() => new()
    {
        { "512", 512 },
        { "512B", 512 },
        { "512 b", 512 },
        { "1 byte", 1 },
        { "10 bytes", 10 },
        { "1kB", 1000 },
        { "1 kilobyte", 1000 },
        { "2 kilobytes", 2000 },
        { "10MB", 10_000_000 },
        { "1 megabyte", 1_000_000 },
        { "3 megabytes", 3_000_000 },
        { "2GB", 2_000_000_000 },
        { "2 gigabytes", 2_000_000_000 },
        { "1 gigabyte", 1_000_000_000 },
        { "1TB", 1_000_000_000_000 },
        { "1 terabytes", 1_000_000_000_000 },
        { "1PB", 1_000_000_000_000_000 },
        { "1 petabyte", 1_000_000_000_000_000 },
        { "1EB", 1_000_000_000_000_000_000 },
        { "1 exabytes", 1_000_000_000_000_000_000 },
        { "1k", Ki },
        { "1K", Ki },
        { "1Ki", Ki },
        { "1KiB", Ki },
        { "1 kibibyte", Ki },
        { "4 kibibytes", 4 * Ki },
        { "64MiB", 64 * Mi },
        { "64m", 64 * Mi },
        { "64M", 64 * Mi },
        { "64Mi", 64 * Mi },
        { "1 mebibyte", Mi },
        { "2 mebibytes", 2 * Mi },
        { "1g", Gi },
        { "1G", Gi },
        { "1Gi", Gi },
        { "1GiB", Gi },
        { "1 gibibytes", Gi },
        { "1t", Ti },
        { "1TiB", Ti },
        { "1 tebibyte", Ti },
        { "1p", Pi },
        { "1PiB", Pi },
        { "1 pebibytes", Pi },
        { "1e", Ei },
        { "1E", Ei },
        { "1EiB", Ei },
        { "1 exbibyte", Ei },
        { "1.5k", 1536 },
        { "1.5 B", 1 },
        { "0.5MiB", 512 * Ki },
        { "1e3", 1000 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Parse_ValidSize_GivesTheBytes(string text, long bytes)
    {
        Assert.Equal(bytes, HoconSize.Parse(text));
        Assert.True(HoconSize.TryParse(text, out var parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("", "\"\" is not a size in bytes: there is no number")]
    [InlineData("MB", "\"MB\" is not a size in bytes: there is no number")]
    [InlineData("10 mb", "\"10 mb\" is not a size in bytes: unknown size unit \"mb\" (use B, kB/MB/GB/TB for powers of 10, or K/M/G/T, KiB/MiB/GiB/TiB for powers of 2)")]
    [InlineData("10 KB", "\"10 KB\" is not a size in bytes: unknown size unit \"KB\" (use B, kB/MB/GB/TB for powers of 10, or K/M/G/T, KiB/MiB/GiB/TiB for powers of 2)")]
    [InlineData("-1k", "\"-1k\" is not a size in bytes: a size cannot be negative")]
    [InlineData("8EiB", "\"8EiB\" is not a size in bytes: the size is out of range (more than 2^63-1 bytes)")]
    [InlineData("1 ZiB", "\"1 ZiB\" is not a size in bytes: the size is out of range (more than 2^63-1 bytes)")]
    [InlineData("1 yottabyte", "\"1 yottabyte\" is not a size in bytes: the size is out of range (more than 2^63-1 bytes)")]
    [InlineData("1 Yi", "\"1 Yi\" is not a size in bytes: the size is out of range (more than 2^63-1 bytes)")]
    public void Parse_Invalid_ThrowsFormatExceptionSayingWhy(string text, string message)
    {
        Assert.Equal(message, Assert.Throws<FormatException>(() => HoconSize.Parse(text)).Message);
        Assert.False(HoconSize.TryParse(text, out _));
    }
}
